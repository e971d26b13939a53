// The OpenID provider as a process of its own: Playwright starts it as a
// webServer beside the app (playwright.config.ts). OIDC_PORT is its port on
// 127.0.0.1; APP_URL the app whose callback and sign-in page it accepts.
import { startOidcProvider } from './oidc-provider';

const port = Number(process.env.OIDC_PORT);
const app = process.env.APP_URL;
if (!Number.isInteger(port) || port <= 0 || !app) {
  console.error('oidc-provider-server: set OIDC_PORT and APP_URL');
  process.exit(2);
}
const provider = await startOidcProvider({ port, redirectUris: [`${app}/api/auth/callback/oidc`], postLogoutRedirectUris: [`${app}/sign-in`] });
console.log(`[oidc-provider] ${provider.issuer} for ${app}`);
const stop = () => void provider.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
