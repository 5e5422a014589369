// Preloaded into the test server (`node -r loopback.js ...`): a listen() on a TCP port that names
// no host binds 127.0.0.1, not every interface as Express would. Unix sockets, handles and
// explicit hosts are left as they are. http.Server inherits listen() from net.Server.
"use strict";
const net = require("net");

const LOOPBACK = "127.0.0.1";
const listen = net.Server.prototype.listen;
const isPort = (value) => typeof value === "number" || (typeof value === "string" && /^\d+$/.test(value));

net.Server.prototype.listen = function (...args) {
  const first = args[0];
  if (args.length === 0 || typeof first === "function") {
    args.unshift({ port: 0, host: LOOPBACK });
  } else if (isPort(first)) {
    if (typeof args[1] !== "string") args.splice(1, 0, LOOPBACK);
  } else if (
    first !== null && typeof first === "object" && !(first instanceof net.Server) &&
    first.path === undefined && first.fd === undefined && first.handle === undefined &&
    first._handle === undefined && first.host === undefined
  ) {
    args[0] = { ...first, host: LOOPBACK };
  }
  return listen.apply(this, args);
};
