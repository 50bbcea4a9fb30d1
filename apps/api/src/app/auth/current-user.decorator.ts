import { createParamDecorator, UnauthorizedException, type ExecutionContext } from '@nestjs/common';
import type { Me } from '@floorwatch/contracts';

export interface AuthedRequest {
  user?: Me;
}

/** The caller, as the JWT guard verified them. */
export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): Me => {
  const user = ctx.switchToHttp().getRequest<AuthedRequest>().user;
  if (!user) throw new UnauthorizedException('not signed in');
  return user;
});
