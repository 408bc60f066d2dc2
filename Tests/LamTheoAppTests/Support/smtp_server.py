#!/usr/bin/env python3
"""A real SMTP server on loopback for LamTheo's mail tests (TestSMTPServer.swift starts it).

The well-behaved modes run aiosmtpd (PyPI); the misbehaving ones are a few lines of asyncio that
speak just enough SMTP to misbehave at the right moment.

  accept       takes every message; each is written to --folder as NNN.eml (raw, as received after
               the dot-unstuffing) with NNN.json (envelope, TLS, authentication mechanism)
  starttls     as accept, STARTTLS offered and required (--cert, --key)
  tls          as accept, TLS from the first byte (--cert, --key)
  auth         as accept, AUTH PLAIN and LOGIN required, one account (--user, --password)
  reject-rcpt  550 to RCPT TO
  defer        451 at the end of DATA
  silent       accepts the connection and never says a word
  drop-ehlo    greets, then closes the connection on EHLO
  drop-data    goes as far as DATA, reads the message, then closes without answering
  inject       offers STARTTLS and sends a second reply, in clear, right behind its 220 (the injection attack)
  not-smtp     greets like an SSH server

It binds to a free port of 127.0.0.1, writes the port to --ready, and runs until killed or until the
process that started it ends.
"""
import argparse
import asyncio
import json
import os
import ssl
import sys

parser = argparse.ArgumentParser()
parser.add_argument("--mode", required=True,
                    choices=["accept", "starttls", "tls", "auth", "reject-rcpt", "defer", "silent", "drop-ehlo", "drop-data",
                             "inject", "not-smtp"])
parser.add_argument("--ready", required=True)
parser.add_argument("--folder")
parser.add_argument("--cert")
parser.add_argument("--key")
parser.add_argument("--user")
parser.add_argument("--password")
options = parser.parse_args()


class Recorder:
    """aiosmtpd handler: keeps each message, or refuses it as the mode says."""

    def __init__(self):
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if options.mode == "reject-rcpt":
            return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if options.mode == "defer":
            return "451 4.3.0 Temporary local problem, try again later"
        self.count += 1
        base = os.path.join(options.folder, f"{self.count:03d}")
        facts = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "tls": server.transport.get_extra_info("ssl_object") is not None,
            "auth_mechanism": getattr(session, "auth_mechanism", None),
        }
        with open(base + ".json.tmp", "w") as file:
            json.dump(facts, file)
        with open(base + ".eml.tmp", "wb") as file:
            file.write(envelope.original_content)
        # The message file last: once it is there, everything about it is.
        os.rename(base + ".json.tmp", base + ".json")
        os.rename(base + ".eml.tmp", base + ".eml")
        return f"250 2.0.0 Ok: queued as TEST{self.count:03d}"


def authenticator(server, session, envelope, mechanism, auth_data):
    from aiosmtpd.smtp import AuthResult
    login = auth_data.login.decode()
    password = auth_data.password.decode()
    session.auth_mechanism = mechanism
    return AuthResult(success=(login == options.user and password == options.password), handled=False)


def tls_context():
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(options.cert, options.key)
    return context


def smtp_protocol():
    from aiosmtpd.smtp import SMTP
    handler = Recorder()
    arguments = {"hostname": "lamtheo-test-smtp"}
    if options.mode == "starttls":
        arguments.update(tls_context=tls_context(), require_starttls=True)
    if options.mode == "auth":
        arguments.update(authenticator=authenticator, auth_required=True, auth_require_tls=False)
    return lambda: SMTP(handler, **arguments)


async def misbehave(reader, writer):
    """silent, drop-ehlo, drop-data, inject and not-smtp."""
    if options.mode == "not-smtp":
        writer.write(b"SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n")
    if options.mode in ("silent", "not-smtp"):
        await reader.read()  # until the client gives up
        writer.close()
        return
    writer.write(b"220 lamtheo-test-smtp ESMTP\r\n")
    while True:
        line = await reader.readline()
        if not line:
            break
        verb = line[:4].upper()
        if verb in (b"EHLO", b"HELO"):
            if options.mode == "drop-ehlo":
                break
            writer.write(b"250-lamtheo-test-smtp\r\n250-8BITMIME\r\n250 STARTTLS\r\n")
        elif verb == b"STAR" and options.mode == "inject":
            writer.write(b"220 Ready to start TLS\r\n250 2.1.0 injected reply\r\n")
        elif verb == b"DATA":
            writer.write(b"354 End data with <CR><LF>.<CR><LF>\r\n")
            await writer.drain()
            while (await reader.readline()) not in (b".\r\n", b""):
                pass
            break
        elif verb == b"QUIT":
            writer.write(b"221 Bye\r\n")
            break
        else:
            writer.write(b"250 OK\r\n")
        await writer.drain()
    writer.close()


async def watch_parent(parent):
    """Ends the server with the test process, should it die without stopping it."""
    while os.getppid() == parent:
        await asyncio.sleep(0.5)
    os._exit(0)


async def main():
    parent = os.getppid()
    loop = asyncio.get_running_loop()
    if options.mode in ("silent", "drop-ehlo", "drop-data", "inject", "not-smtp"):
        server = await asyncio.start_server(misbehave, "127.0.0.1", 0)
    else:
        server = await loop.create_server(smtp_protocol(), "127.0.0.1", 0,
                                          ssl=tls_context() if options.mode == "tls" else None)
    port = server.sockets[0].getsockname()[1]
    with open(options.ready + ".tmp", "w") as file:
        file.write(str(port))
    os.rename(options.ready + ".tmp", options.ready)
    await watch_parent(parent)


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        sys.exit(0)
