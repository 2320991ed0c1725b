// Which image URLs the extension may download. A web page chooses the URLs, so it must not be
// able to point the extension (which has <all_urls> host access and is not bound by CORS) at
// the user's own network: loopback, private, link-local and .local hosts are refused, by
// literal address and by name, unless the page itself is on such a host. Redirects are never
// followed (fetchImage below), so every hop is the one checked here.

/** Longest http(s) URL checked; longer ones are not fetched. */
export const MAX_NETWORK_URL = 16 * 1024;
/** Longest data: URL checked (about 3 MB of image); longer ones are not decoded. */
export const MAX_DATA_URL = 4 * 1024 * 1024;
/** Images larger than this are not verified (checked against Content-Length and while reading). */
export const MAX_BYTES = 64 * 1024 * 1024;
/** A fetch, body included, that takes longer than this is abandoned. */
export const FETCH_TIMEOUT_MS = 30_000;

const FETCHABLE = new Set(['http:', 'https:', 'data:']);

/**
 * Names that only ever mean a machine on the user's own network (RFC 6761 localhost, RFC 6762
 * .local, RFC 8375 home.arpa, and the common intranet suffixes).
 */
const LOCAL_SUFFIXES = ['localhost', 'local', 'home.arpa', 'internal', 'intranet', 'lan', 'corp', 'home'];

/** IPv4 ranges that are not on the public internet (RFC 6890), as [first octets, prefix]. */
const PRIVATE_V4 = [
  [[0], 8], // "this network"
  [[10], 8], // RFC 1918
  [[100, 64], 10], // carrier-grade NAT, RFC 6598
  [[127], 8], // loopback
  [[169, 254], 16], // link-local (cloud metadata at 169.254.169.254)
  [[172, 16], 12], // RFC 1918
  [[192, 0, 0], 24], // IETF protocol assignments
  [[192, 168], 16], // RFC 1918
  [[198, 18], 15], // benchmarking
  [[224], 4], // multicast
  [[240], 4], // reserved, broadcast
];

/** The four octets of a dotted-quad host (the URL parser has already normalised hex/octal forms). */
function ipv4Octets(host) {
  const parts = host.split('.');
  if (parts.length !== 4 || !parts.every((part) => /^\d{1,3}$/.test(part))) return null;
  const octets = parts.map(Number);
  return octets.every((octet) => octet <= 255) ? octets : null;
}

function inV4Range(octets, [start, prefix]) {
  const value = ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0;
  const base = [...start, 0, 0, 0, 0].slice(0, 4);
  const first = ((base[0] << 24) | (base[1] << 16) | (base[2] << 8) | base[3]) >>> 0;
  const mask = prefix === 0 ? 0 : (~0 << (32 - prefix)) >>> 0;
  return ((value & mask) >>> 0) === ((first & mask) >>> 0);
}

/** The eight 16-bit groups of an IPv6 host as the URL parser writes it (`[…]`, compressed). */
function ipv6Groups(host) {
  if (!host.startsWith('[') || !host.endsWith(']')) return null;
  const text = host.slice(1, -1).toLowerCase();
  const [head, tail = null] = text.split('::');
  const parse = (part) => (part ? part.split(':').map((group) => parseInt(group, 16)) : []);
  const front = parse(head);
  const back = tail === null ? [] : parse(tail);
  const missing = 8 - front.length - back.length;
  if (missing < 0 || (tail === null && missing !== 0)) return null;
  const groups = [...front, ...Array(missing).fill(0), ...back];
  return groups.every((group) => Number.isInteger(group) && group >= 0 && group <= 0xffff) ? groups : null;
}

function isPrivateV6(groups) {
  const v4 = (high, low) => [high >> 8, high & 0xff, low >> 8, low & 0xff];
  const zeros = (count) => groups.slice(0, count).every((group) => group === 0);
  if (zeros(8)) return true; // ::
  if (zeros(7) && groups[7] === 1) return true; // ::1
  // IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d) and NAT64 (64:ff9b::a.b.c.d):
  // judged by the IPv4 address they carry.
  if (zeros(5) && groups[5] === 0xffff) return isPrivateV4(v4(groups[6], groups[7]));
  if (zeros(6)) return isPrivateV4(v4(groups[6], groups[7]));
  if (groups[0] === 0x64 && groups[1] === 0xff9b && groups.slice(2, 6).every((g) => g === 0)) {
    return isPrivateV4(v4(groups[6], groups[7]));
  }
  const first = groups[0];
  return (first & 0xfe00) === 0xfc00 // unique local fc00::/7
    || (first & 0xffc0) === 0xfe80 // link-local fe80::/10
    || (first & 0xffc0) === 0xfec0 // site-local (deprecated) fec0::/10
    || (first & 0xff00) === 0xff00; // multicast
}

function isPrivateV4(octets) {
  return PRIVATE_V4.some((range) => inV4Range(octets, range));
}

/**
 * Whether `hostname` (as `URL.hostname` gives it) names a machine on the user's own network:
 * a loopback, private, link-local or reserved address, a local-only name, or a name without
 * a dot (an intranet short name such as `router`).
 */
export function isLocalHost(hostname) {
  const host = String(hostname).toLowerCase().replace(/\.$/, '');
  if (host === '') return true;
  const v4 = ipv4Octets(host);
  if (v4) return isPrivateV4(v4);
  const v6 = ipv6Groups(host);
  if (v6) return isPrivateV6(v6);
  if (host.startsWith('[')) return true; // an IPv6 form we cannot read: refuse
  if (!host.includes('.')) return true;
  return LOCAL_SUFFIXES.some((suffix) => host === suffix || host.endsWith(`.${suffix}`));
}

/**
 * Why `url` may not be fetched for a page at `pageUrl`, or null if it may. The reasons are
 * shown to the user in the "not checked" mark.
 */
export function refusal(url, pageUrl) {
  const text = String(url);
  let parsed;
  try {
    parsed = new URL(text);
  } catch {
    return 'the address is not a valid URL';
  }
  if (!FETCHABLE.has(parsed.protocol)) return `${parsed.protocol} addresses are not fetched`;
  const limit = parsed.protocol === 'data:' ? MAX_DATA_URL : MAX_NETWORK_URL;
  if (text.length > limit) return `the address is longer than ${limit.toLocaleString('en')} characters`;
  if (parsed.protocol === 'data:') return null;
  if (parsed.username || parsed.password) return 'addresses with a user name or password are not fetched';
  if (isLocalHost(parsed.hostname) && !pageIsLocal(pageUrl)) {
    return `${parsed.hostname} is on your own network (loopback, private or local), and the page is not`;
  }
  return null;
}

function pageIsLocal(pageUrl) {
  try {
    const page = new URL(String(pageUrl));
    return (page.protocol === 'http:' || page.protocol === 'https:') && isLocalHost(page.hostname);
  } catch {
    return false;
  }
}

/**
 * Downloads an image the policy allows: no cookies, no referrer, no redirects (a redirect could
 * lead anywhere, and its target cannot be checked before it is requested), at most MAX_BYTES,
 * within FETCH_TIMEOUT_MS.
 */
export async function fetchImage(url, pageUrl) {
  const refused = refusal(url, pageUrl);
  if (refused) throw new Error(refused);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error('the download timed out')), FETCH_TIMEOUT_MS);
  try {
    const response = await fetch(url, {
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      redirect: 'manual',
      cache: 'no-store',
      signal: controller.signal,
    });
    if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
      throw new Error('the server answered with a redirect, which the extension does not follow');
    }
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return await readBounded(response, controller);
  } finally {
    clearTimeout(timer);
  }
}

async function readBounded(response, controller) {
  const tooLarge = `the file is larger than ${MAX_BYTES / 1024 / 1024} MiB`;
  if (Number(response.headers.get('content-length')) > MAX_BYTES) throw new Error(tooLarge);
  const reader = response.body.getReader();
  const chunks = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > MAX_BYTES) {
      controller.abort();
      throw new Error(tooLarge);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
