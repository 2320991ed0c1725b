// Unit tests of the extension's download policy (www/extension/policy.js): which image URLs a
// page may make the extension fetch. Plain node, no browser: the URL parser is the same WHATWG
// one Chromium uses, so the normalised forms tested here are the ones the extension sees.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isLocalHost, refusal, MAX_DATA_URL, MAX_NETWORK_URL } from '../../www/extension/policy.js';

const PUBLIC_PAGE = 'https://news.example.com/article';
const LOCAL_PAGE = 'http://192.168.1.20/gallery';

const hostOf = (url) => new URL(url).hostname;

test('loopback, private, link-local and reserved addresses are local, in every spelling', () => {
  const local = [
    'http://127.0.0.1/', 'http://127.1.2.3/', 'http://2130706433/', 'http://0x7f.1/', 'http://0177.0.0.1/',
    'http://10.0.0.5/', 'http://172.16.0.1/', 'http://172.31.255.255/', 'http://192.168.0.1/',
    'http://169.254.169.254/latest/meta-data/', 'http://100.64.0.1/', 'http://0.0.0.0/', 'http://0/',
    'http://198.18.0.1/', 'http://224.0.0.1/', 'http://255.255.255.255/',
    'http://[::1]/', 'http://[::]/', 'http://[fd00::1]/', 'http://[fc12:3456::1]/', 'http://[fe80::1]/',
    'http://[::ffff:127.0.0.1]/', 'http://[::ffff:192.168.0.1]/', 'http://[::ffff:169.254.169.254]/',
    'http://[::127.0.0.1]/', 'http://[64:ff9b::10.0.0.1]/', 'http://[ff02::1]/',
  ];
  for (const url of local) assert.equal(isLocalHost(hostOf(url)), true, `${url} → ${hostOf(url)}`);
});

test('local-only and dotless names are local', () => {
  const local = [
    'http://localhost:8080/', 'http://LOCALHOST./', 'http://app.localhost/', 'http://printer.local/',
    'http://nas.home.arpa/', 'http://router/', 'http://intranet/', 'http://wiki.corp/', 'http://db.internal/',
    'http://box.lan/',
  ];
  for (const url of local) assert.equal(isLocalHost(hostOf(url)), true, url);
});

test('public addresses and names are not local', () => {
  const open = [
    'https://example.com/a.png', 'https://cdn.example.com.cn/x.jpg', 'http://8.8.8.8/', 'http://172.32.0.1/',
    'http://172.15.255.255/', 'http://100.128.0.1/', 'http://169.255.0.1/', 'http://11.0.0.1/',
    'http://[2001:db8::1]/', 'http://[2606:4700::1111]/', 'http://[::ffff:8.8.8.8]/', 'http://localhost.example.com/',
    'http://local.example.com/',
  ];
  for (const url of open) assert.equal(isLocalHost(hostOf(url)), false, url);
});

test('every address of the private IPv4 blocks is local; their neighbours are not', () => {
  // A sweep in place of a property test: 64 addresses spread over each block, first and last
  // included; then the addresses just outside the blocks.
  const blocks = [['10.0.0.0', 8], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.168.0.0', 16], ['100.64.0.0', 10]];
  const toInt = (ip) => ip.split('.').reduce((sum, octet) => sum * 256 + Number(octet), 0);
  const toIp = (n) => [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');
  for (const [start, prefix] of blocks) {
    const first = toInt(start);
    const size = 2 ** (32 - prefix);
    for (let i = 0; i < 64; i++) {
      const inside = toIp(first + Math.floor((size - 1) * (i / 63)));
      assert.equal(isLocalHost(inside), true, `${inside} in ${start}/${prefix}`);
    }
  }
  assert.equal(isLocalHost('9.255.255.255'), false);
  assert.equal(isLocalHost('11.0.0.0'), false);
  assert.equal(isLocalHost('126.255.255.255'), false);
  assert.equal(isLocalHost('128.0.0.0'), false);
  assert.equal(isLocalHost('172.15.255.255'), false);
  assert.equal(isLocalHost('172.32.0.0'), false);
  assert.equal(isLocalHost('192.167.255.255'), false);
  assert.equal(isLocalHost('192.169.0.0'), false);
});

test('a public page may not name a local host; a local page may', () => {
  assert.match(refusal('http://192.168.0.1/cam.jpg', PUBLIC_PAGE), /192\.168\.0\.1 is on your own network/);
  assert.match(refusal('http://localhost:9000/x.png', PUBLIC_PAGE), /localhost is on your own network/);
  assert.match(refusal('http://[::1]/x.png', PUBLIC_PAGE), /\[::1\] is on your own network/);
  assert.equal(refusal('http://192.168.0.1/cam.jpg', LOCAL_PAGE), null);
  assert.equal(refusal('http://127.0.0.1:8080/x.png', 'http://localhost:3000/'), null);
  assert.equal(refusal('https://example.com/x.png', PUBLIC_PAGE), null);
  // A page the extension cannot place (no URL given) counts as public.
  assert.match(refusal('http://10.1.1.1/x.png', undefined), /on your own network/);
});

test('schemes, credentials and lengths', () => {
  assert.equal(refusal('file:///etc/passwd', PUBLIC_PAGE), 'file: addresses are not fetched');
  assert.equal(refusal('chrome-extension://abc/manifest.json', PUBLIC_PAGE), 'chrome-extension: addresses are not fetched');
  assert.equal(refusal('blob:https://example.com/1234', PUBLIC_PAGE), 'blob: addresses are not fetched');
  assert.equal(refusal('not a url', PUBLIC_PAGE), 'the address is not a valid URL');
  assert.equal(refusal('https://user:pw@example.com/x.png', PUBLIC_PAGE), 'addresses with a user name or password are not fetched');
  assert.equal(refusal(`https://example.com/${'a'.repeat(MAX_NETWORK_URL)}`, PUBLIC_PAGE),
    'the address is longer than 16,384 characters');
  const data = 'data:image/png;base64,';
  assert.equal(refusal(data + 'A'.repeat(1000), PUBLIC_PAGE), null);
  assert.equal(refusal(data + 'A'.repeat(MAX_DATA_URL), PUBLIC_PAGE), 'the address is longer than 4,194,304 characters');
});
