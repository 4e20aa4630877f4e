// A certified OpenID Connect provider (panva/oidc-provider 8) on loopback for the portal's
// tests, shaped like the national portal (DVCQG): DVCQG-like claims, one confidential test
// client, PKCE required, RP-initiated logout. Usage:
//   node server.mjs --port 0 --redirect http://testserver/cb --logout-redirect http://testserver/
// Prints "READY <issuer>" on stdout once it listens. Sign-in goes through the provider's
// development interactions (any password; the login is one of the accounts below).
import { parseArgs } from 'node:util';
import Provider from 'oidc-provider';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    redirect: { type: 'string', multiple: true, default: [] },
    'logout-redirect': { type: 'string', multiple: true, default: [] },
    'client-id': { type: 'string', default: 'dichvucong-test' },
    'client-secret': { type: 'string', default: 'test-secret-not-for-production' },
  },
});

// Fictitious people (demo data only).
const ACCOUNTS = {
  citizen: {
    LoaiTaiKhoan: 1,
    SoDinhDanh: '079199000123',
    HoVaTen: 'Nguyễn Thị Thử Nghiệm',
    NgayThangNamSinh: '1990-05-17',
    TechID: 'tech-0001',
    loAs: 'LoA2',
    IAL: '2',
    phone_number: '0912000123',
    email: 'thu.nghiem@example.invalid',
  },
  'no-name': { LoaiTaiKhoan: 1, SoDinhDanh: '079199000456', loAs: 'LoA2', IAL: '2' },
  business: {
    LoaiTaiKhoan: 2,
    SoDinhDanh: '0312345678',
    HoVaTen: 'Công ty TNHH Thử Nghiệm',
    TechID: 'tech-biz-1',
    loAs: 'LoA2',
    IAL: '2',
  },
};

const CLAIMS = ['LoaiTaiKhoan', 'SoDinhDanh', 'HoVaTen', 'NgayThangNamSinh', 'TechID', 'loAs', 'IAL'];

const port = Number(values.port);
const server = (await import('node:http')).createServer();
await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: values['client-id'],
      client_secret: values['client-secret'],
      redirect_uris: values.redirect,
      post_logout_redirect_uris: values['logout-redirect'],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ],
  claims: {
    openid: ['sub', ...CLAIMS],
    email: ['email'],
    phone: ['phone_number'],
  },
  // Claims in the ID token too, as DVCQG gives them (the portal reads both).
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
  ttl: { AuthorizationCode: 60, IdToken: 300, AccessToken: 300, Session: 3600, Grant: 3600 },
  async loadExistingGrant(ctx) {
    // First-party client: consent is implied (DVCQG asks nothing of the citizen here).
    const grant = new provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid email phone');
    await grant.save();
    return grant;
  },
  async findAccount(ctx, id) {
    const claims = ACCOUNTS[id];
    if (!claims) return undefined;
    return { accountId: id, async claims() { return { sub: `sub-${id}`, ...claims }; } };
  },
});
provider.proxy = false;
server.on('request', provider.callback());
process.stdout.write(`READY ${issuer}\n`);
