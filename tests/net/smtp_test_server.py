#!/usr/bin/python3
"""An SMTP server on 127.0.0.1 for the outbox tests (Debian's python3-aiosmtpd).

Writes its port to --port-file once it listens, and each message it accepts to --record-dir as N.eml (the bytes
after DATA, as received). --tls starttls requires STARTTLS before MAIL (and before AUTH); --tls smtps speaks TLS
from the first byte. --user/--password require AUTH. A recipient containing "refuse" gets 550 at RCPT;
--busy N answers 451 to the first N messages at DATA."""
import argparse
import asyncio
import os
import ssl

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class Recorder:
    def __init__(self, folder, busy):
        self.folder = folder
        self.busy = busy
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if "refuse" in address:
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.busy > 0:
            self.busy -= 1
            return "451 4.3.0 Try again later"
        self.count += 1
        path = os.path.join(self.folder, "%d.eml" % self.count)
        with open(path + ".partial", "wb") as out:
            out.write(envelope.original_content)
        os.rename(path + ".partial", path)
        return "250 OK queued"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port-file", required=True)
    parser.add_argument("--record-dir", required=True)
    parser.add_argument("--tls", choices=["none", "starttls", "smtps"], default="starttls")
    parser.add_argument("--cert")
    parser.add_argument("--key")
    parser.add_argument("--user")
    parser.add_argument("--password")
    parser.add_argument("--busy", type=int, default=0)
    args = parser.parse_args()

    context = None
    if args.tls != "none":
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.cert, args.key)
    recorder = Recorder(args.record_dir, args.busy)

    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == args.user and \
            auth_data.password.decode() == args.password
        return AuthResult(success=ok)

    def make_server():
        options = dict(hostname="kiosk-test.invalid", data_size_limit=1 << 20)
        if args.user:
            options.update(authenticator=authenticate, auth_required=True, auth_require_tls=args.tls != "none")
        if args.tls == "starttls":
            options.update(tls_context=context, require_starttls=True)
        return SMTP(recorder, **options)

    loop = asyncio.new_event_loop()
    server = loop.run_until_complete(loop.create_server(
        make_server, "127.0.0.1", 0, ssl=context if args.tls == "smtps" else None))
    port = server.sockets[0].getsockname()[1]
    with open(args.port_file + ".partial", "w") as out:
        out.write(str(port))
    os.rename(args.port_file + ".partial", args.port_file)
    loop.run_forever()


if __name__ == "__main__":
    main()
