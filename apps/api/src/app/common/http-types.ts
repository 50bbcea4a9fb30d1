/**
 * The few Express request/response members the API touches (@types/express is not installed and
 * one small interface keeps the handlers honest about what they use).
 */
export interface HttpRequest {
  method: string;
  ip?: string;
  baseUrl?: string;
  route?: { path?: string };
  headers: Record<string, string | string[] | undefined> & { authorization?: string };
  body?: unknown;
}

export interface HttpResponse {
  statusCode: number;
  setHeader(name: string, value: string): void;
  send(body: string): void;
  once(event: 'finish', listener: () => void): void;
}
