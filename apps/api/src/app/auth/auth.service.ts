import { Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { LoginResponse, Me } from '@floorwatch/contracts';
import bcrypt from 'bcryptjs';
import { JwtSecretService } from './jwt-secret.service';
import { UsersService } from './users.service';

interface TokenClaims {
  sub: string;
}

/** A hash of a random password, compared against when the user is unknown, so timing does not tell. */
const DECOY_HASH = bcrypt.hashSync('decoy-password-never-matches', 10);

@Injectable()
export class AuthService {
  private readonly ttlSeconds = Number(process.env['JWT_TTL_SECONDS'] ?? 12 * 3600);

  constructor(
    private readonly jwt: JwtService,
    private readonly secrets: JwtSecretService,
    private readonly users: UsersService,
  ) {}

  async login(username: string, password: string): Promise<LoginResponse> {
    const user = await this.users.findWithHash(username);
    const ok = await bcrypt.compare(password, user?.passwordHash ?? DECOY_HASH);
    if (!user || !ok) throw new UnauthorizedException('wrong username or password');
    const claims: TokenClaims = { sub: user.username };
    const accessToken = await this.jwt.signAsync(claims, {
      secret: await this.secrets.secret(),
      expiresIn: this.ttlSeconds,
      algorithm: 'HS256',
    });
    return { accessToken };
  }

  /**
   * Verifies a bearer token and returns the user as stored now (role changes apply at once; a
   * deleted user's token stops working). Used by the HTTP guard and the live socket gateway.
   */
  async verifyToken(token: string): Promise<Me> {
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(token, { secret: await this.secrets.secret(), algorithms: ['HS256'] });
    } catch (e) {
      const expired = e instanceof Error && e.name === 'TokenExpiredError';
      throw new UnauthorizedException(expired ? 'token expired' : 'invalid token');
    }
    const me = typeof claims.sub === 'string' ? await this.users.me(claims.sub) : null;
    if (!me) throw new UnauthorizedException('invalid token');
    return me;
  }
}
