import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Controller, Get, Header, Inject, Module, Req, type DynamicModule } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { ServeStaticModule } from '@nestjs/serve-static';
import { Public } from '../auth/public.decorator';
import { loadPageHtml, PAGE_ENTRIES } from './route-preloads';

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

const PAGE_HTML = Symbol('PAGE_HTML');
interface PageHtml {
  index: string;
  pages: Map<string, string>;
}

/**
 * The pages' own index.html: the app's, plus preload hints for the page's lazy code (see
 * route-preloads.ts). Registered before the static files' SPA fallback, which serves the rest.
 */
@Public()
@Controller()
class PageController {
  constructor(@Inject(PAGE_HTML) private readonly html: PageHtml) {}

  @Get(Object.keys(PAGE_ENTRIES))
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-cache')
  page(@Req() req: IncomingMessage): string {
    const path = new URL(req.url ?? '/', 'http://host').pathname.replace(/^\/+|\/+$/g, '');
    return this.html.pages.get(path) ?? this.html.index;
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
    const index = readFileSync(resolve(rootPath, 'index.html'), 'utf8');
    const html: PageHtml = { index, pages: loadPageHtml(rootPath, index) };
    return {
      module: WebModule,
      controllers: [PageController],
      providers: [{ provide: PAGE_HTML, useValue: html }],
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
