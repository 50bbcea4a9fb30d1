import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Controller, Get, Header, Module, type DynamicModule } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import { Public } from '../auth/public.decorator';

/** Where `nx build web` puts the browser bundle (relative to the repo root / working dir). */
export const DEFAULT_WEB_DIR = 'dist/apps/web/browser';

const PLACEHOLDER = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Floorwatch</title></head>
<body style="font-family: system-ui, sans-serif; margin: 3rem">
<h1>Floorwatch</h1>
<p>The API is running. The web app has not been built yet: run <code>npx nx build web</code> and restart.</p>
<p><a href="/health">/health</a> &middot; <a href="/api/docs">/api/docs</a></p>
</body></html>`;

@Public()
@Controller()
class PlaceholderController {
  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  index(): string {
    return PLACEHOLDER;
  }
}

/** Angular's output names: `main-5XPLL73V.js`, `chunk-CbQ_tutO.js`, `styles-LP56HZCJ.css`. */
const HASHED_ASSET = /-[A-Za-z0-9_-]{8}\.(?:js|css)$/;

/**
 * A hashed file never changes under its name: a returning user's browser keeps it for a year
 * without asking (first-render path, no revalidation round trips). Everything else (index.html,
 * which names the current hashes; favicon, media) is revalidated on every use.
 */
export function cacheHeaders(res: { setHeader(name: string, value: string): void }, path: string): void {
  res.setHeader('Cache-Control', HASHED_ASSET.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
}

/** Serves the built Angular app (SPA fallback to index.html) or, until it is built, a placeholder at `/`. */
@Module({})
export class WebModule {
  static forRoot(webDir = process.env['FLOORWATCH_WEB_DIR'] || DEFAULT_WEB_DIR): DynamicModule {
    const rootPath = resolve(webDir);
    if (!existsSync(resolve(rootPath, 'index.html'))) {
      return { module: WebModule, controllers: [PlaceholderController] };
    }
    return {
      module: WebModule,
      imports: [
        ServeStaticModule.forRoot({
          rootPath,
          exclude: ['/api/{*path}', '/health', '/metrics', '/socket.io/{*path}', '/live/{*path}'],
          serveStaticOptions: { setHeaders: cacheHeaders },
        }),
      ],
    };
  }
}
