import { Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { LoginResponse, Me } from '@floorwatch/contracts';
import { JwtSecretService } from './jwt-secret.service';
import { decoyHash, verifyPassword } from './password-hash';
import { UsersService, type Account } from './users.service';

/** What a token says: who, under which token_version, until when (seconds since the epoch). */
export interface TokenClaims {
  sub: string;
  ver: number;
  exp?: number;
}

@Injectable()
export class AuthService {
  private readonly ttlSeconds = Number(process.env['JWT_TTL_SECONDS'] ?? 12 * 3600);

  constructor(
    private readonly jwt: JwtService,
    private readonly secrets: JwtSecretService,
    private readonly users: UsersService,
  ) {}

  /** Checks the password (off the event loop); null when wrong, unknown or disabled. */
  async checkPassword(username: string, password: string): Promise<Account | null> {
    const user = await this.users.account(username);
    const check = await verifyPassword(user?.passwordHash ?? (await decoyHash()), password);
    if (!user || !check.ok || user.disabled) return null;
    if (check.rehash) await this.users.replaceHash(username, user.passwordHash, password);
    return user;
  }

  async login(username: string, password: string): Promise<LoginResponse> {
    const user = await this.checkPassword(username, password);
    if (!user) throw new UnauthorizedException('wrong username or password');
    return this.issue(user);
  }

  async issue(user: Account): Promise<LoginResponse> {
    const claims: TokenClaims = { sub: user.me.username, ver: user.tokenVersion };
    const accessToken = await this.jwt.signAsync(claims, {
      secret: await this.secrets.secret(),
      expiresIn: this.ttlSeconds,
      algorithm: 'HS256',
    });
    return user.me.mustChangePassword ? { accessToken, mustChangePassword: true } : { accessToken };
  }

  /** Signature and expiry only; who the token names is checked against the store by `userFor`. */
  async claimsOf(token: string): Promise<TokenClaims> {
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(token, { secret: await this.secrets.secret(), algorithms: ['HS256'] });
    } catch (e) {
      const expired = e instanceof Error && e.name === 'TokenExpiredError';
      throw new UnauthorizedException(expired ? 'token expired' : 'invalid token');
    }
    if (typeof claims.sub !== 'string' || typeof claims.ver !== 'number') throw new UnauthorizedException('invalid token');
    return claims;
  }

  /**
   * The user a token stands for as stored now, or why it no longer does: deleted, disabled, or
   * its token_version is older than the user's (password changed, logged out, disabled since).
   */
  userFor(claims: TokenClaims, account: Account | null | undefined, now = Date.now()): Me | string {
    if (claims.exp !== undefined && claims.exp * 1000 <= now) return 'token expired';
    if (!account || account.disabled || account.tokenVersion !== claims.ver) return 'token revoked';
    return account.me;
  }

  /**
   * Verifies a bearer token and returns the user as stored now (role changes apply at once; a
   * revoked token stops working). Used by the HTTP guard and the live socket gateway.
   */
  async verifyToken(token: string): Promise<Me> {
    const claims = await this.claimsOf(token);
    const me = this.userFor(claims, await this.users.account(claims.sub));
    if (typeof me === 'string') throw new UnauthorizedException(me);
    return me;
  }
}
