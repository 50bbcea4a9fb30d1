import { Body, Controller, ForbiddenException, Get, HttpCode, Patch, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiNoContentResponse, ApiOkResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { LoginResponse, Me } from '@floorwatch/contracts';
import type { HttpRequest } from '../common/http-types';
import { jsonSchemaOf, validate } from '../common/validation';
import { changePasswordSchema, loginSchema } from './auth.dto';
import { AuthService } from './auth.service';
import { CurrentUser } from './current-user.decorator';
import { LoginLimiter } from './login-limiter';
import { AllowPendingPasswordChange, Public } from './public.decorator';
import { UsersService } from './users.service';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
    private readonly limiter: LoginLimiter,
  ) {}

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @ApiBody({ schema: jsonSchemaOf(loginSchema) })
  @ApiOkResponse({ description: '{ accessToken, mustChangePassword? }: a JWT to send as Authorization: Bearer' })
  @ApiTooManyRequestsResponse({ description: 'too many failed attempts for this username (any IP) or from this IP (any username); backs off' })
  async login(@Req() req: HttpRequest, @Body() body: unknown): Promise<LoginResponse> {
    const { username, password } = validate(loginSchema, body);
    const ip = req.ip ?? '';
    await this.limiter.begin(ip, username);
    const res = await this.auth.login(username, password);
    await this.limiter.succeeded(ip, username);
    return res;
  }

  /** Ends every token of the caller (all devices): they must log in again. */
  @ApiBearerAuth()
  @AllowPendingPasswordChange()
  @Post('auth/logout')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'every token of the caller is refused from now on' })
  async logout(@CurrentUser() user: Me): Promise<void> {
    await this.users.revokeTokens(user.username);
  }

  @ApiBearerAuth()
  @AllowPendingPasswordChange()
  @Get('me')
  me(@CurrentUser() user: Me): Me {
    const me: Me = { username: user.username, roles: user.roles, agentId: user.agentId, teamIds: user.teamIds, siteIds: user.siteIds };
    return user.mustChangePassword ? { ...me, mustChangePassword: true } : me;
  }

  /** The caller's own password, with the current one; answers a fresh token (every older one dies). */
  @ApiBearerAuth()
  @AllowPendingPasswordChange()
  @Patch('me/password')
  @ApiBody({ schema: jsonSchemaOf(changePasswordSchema) })
  async changePassword(@Req() req: HttpRequest, @CurrentUser() user: Me, @Body() body: unknown): Promise<LoginResponse> {
    const { currentPassword, newPassword } = validate(changePasswordSchema, body);
    const ip = req.ip ?? '';
    // A stolen token must not become a way to guess the password: same brake as login.
    await this.limiter.begin(ip, user.username);
    const account = await this.auth.checkPassword(user.username, currentPassword);
    if (!account) throw new ForbiddenException({ statusCode: 403, message: 'currentPassword is wrong', field: 'currentPassword' });
    await this.limiter.succeeded(ip, user.username);
    return this.auth.issue(await this.users.setOwnPassword(user.username, newPassword));
  }
}
