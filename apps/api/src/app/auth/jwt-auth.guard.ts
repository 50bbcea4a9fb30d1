import { ForbiddenException, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { HttpRequest as Request } from '../common/http-types';
import { AuthService } from './auth.service';
import type { AuthedRequest } from './current-user.decorator';
import { IS_PUBLIC, PASSWORD_CHANGE_PENDING_OK } from './public.decorator';

/**
 * Global guard: every HTTP route needs a valid, unrevoked bearer token unless marked @Public();
 * a user who must change their password may only reach the routes marked for it.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = context.switchToHttp().getRequest<Request & AuthedRequest>();
    const header = req.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new UnauthorizedException('missing bearer token');
    const user = await this.auth.verifyToken(match[1]);
    if (user.mustChangePassword && !this.reflector.getAllAndOverride<boolean>(PASSWORD_CHANGE_PENDING_OK, targets)) {
      throw new ForbiddenException({ statusCode: 403, message: 'change your password first (PATCH /api/v1/me/password)', mustChangePassword: true });
    }
    req.user = user;
    return true;
  }
}
