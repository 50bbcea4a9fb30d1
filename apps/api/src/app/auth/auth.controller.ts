import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import type { LoginResponse, Me } from '@floorwatch/contracts';
import { jsonSchemaOf, validate } from '../common/validation';
import { loginSchema } from './auth.dto';
import { AuthService } from './auth.service';
import { CurrentUser } from './current-user.decorator';
import { LoginThrottlerGuard } from './login-throttler.guard';
import { Public } from './public.decorator';

export const LOGIN_ATTEMPTS_PER_MINUTE = 5;

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @UseGuards(LoginThrottlerGuard)
  @Throttle({ default: { limit: LOGIN_ATTEMPTS_PER_MINUTE, ttl: 60_000 } })
  @Post('auth/login')
  @HttpCode(200)
  @ApiBody({ schema: jsonSchemaOf(loginSchema) })
  @ApiOkResponse({ description: '{ accessToken }: a JWT to send as Authorization: Bearer' })
  @ApiTooManyRequestsResponse({ description: `more than ${LOGIN_ATTEMPTS_PER_MINUTE} attempts a minute for one IP and username` })
  login(@Body() body: unknown): Promise<LoginResponse> {
    const { username, password } = validate(loginSchema, body);
    return this.auth.login(username, password);
  }

  @ApiBearerAuth()
  @Get('me')
  me(@CurrentUser() user: Me): Me {
    return { username: user.username, roles: user.roles, agentId: user.agentId, teamIds: user.teamIds, siteIds: user.siteIds };
  }
}
