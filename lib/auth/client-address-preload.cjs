// Loaded into every production worker before Next.js (scripts/start.mjs: node --require), so that the client
// address used for sign-in throttling comes from the TCP connection, not from what a client wrote.
//
// Route handlers in the App Router never see the socket. Next.js fills X-Forwarded-For from the socket only when
// the request arrives without one, so without this a client could name any address it liked. Here each request's
// client address is decided from the socket and BACKLINE_TRUSTED_PROXY_HOPS, and put in x-backline-client-address
// (overwriting whatever a client sent under that name):
//   hops = 0  the TCP peer is the client; X-Forwarded-For is ignored;
//   hops = n  n reverse proxies each append the address they saw: the client is the n-th entry from the right.
// Plain CommonJS with no dependencies: it runs before any bundler or TypeScript is involved.
"use strict";
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS on purpose: node --require loads it before anything else. */
const http = require("node:http");
const https = require("node:https");

const HEADER = "x-backline-client-address";

/** The client address of `req`, given the number of trusted proxy hops. */
function resolveClientAddress(req, hops) {
  const peer = (req.socket && req.socket.remoteAddress) || "unknown";
  if (!(hops > 0)) return peer;
  const raw = req.headers["x-forwarded-for"];
  const entries = (Array.isArray(raw) ? raw.join(",") : raw || "").split(",").map((e) => e.trim()).filter(Boolean);
  // Fewer entries than proxies: the request did not come through all of them (or the setting is wrong), so no
  // entry can be trusted; the peer is the best that is known.
  const index = entries.length - hops;
  return index >= 0 ? entries[index] : peer;
}

function hopsFromEnv() {
  const n = Number(process.env.BACKLINE_TRUSTED_PROXY_HOPS || "0");
  return Number.isInteger(n) && n >= 0 ? n : 0;
}

function wrap(listener, hops) {
  if (typeof listener !== "function") return listener;
  return function withClientAddress(req, res) {
    req.headers[HEADER] = resolveClientAddress(req, hops);
    return listener.call(this, req, res);
  };
}

function install(hops = hopsFromEnv()) {
  for (const mod of [http, https]) {
    const original = mod.createServer;
    if (original.backlinePatched) continue;
    const patched = function createServer(options, listener) {
      if (typeof options === "function") return original.call(this, wrap(options, hops));
      return original.call(this, options, wrap(listener, hops));
    };
    patched.backlinePatched = true;
    mod.createServer = patched;
  }
  globalThis.backlineClientAddressPreload = { hops };
}

module.exports = { HEADER, resolveClientAddress, install };

if (require.main !== module && process.env.BACKLINE_CLIENT_ADDRESS_PRELOAD !== "off") install();
