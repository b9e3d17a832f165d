#pragma once
// An e-mail as the kiosk writes it (RFC 5322 with MIME, RFC 2045 and 2047): the bytes handed to the SMTP server
// after DATA. Everything a resident or the manager typed lands in an encoded word or a quoted-printable body, never
// in a header line of its own: a CR or LF in an address or a name is refused, in a subject or body it is text.

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace vk::net {

struct MailMessage {
    std::string fromAddress;  // "relais@cafe-du-village.fr"
    std::string fromName;     // "Café du village", may be empty
    std::string toAddress;
    std::string subject;      // UTF-8
    std::string body;         // UTF-8 plain text, lines ending in \n or \r\n
    std::string messageId;    // without the brackets: "<outbox id>@<kiosk id>.village-kiosk"
    std::int64_t dateMs = 0;  // the Date header, Unix ms (written in UTC)
};

// A message that cannot be written without letting typed text into the headers.
class MailHeaderError : public std::invalid_argument {
public:
    using std::invalid_argument::invalid_argument;
};

// A plain address: ASCII, one @, no spaces, control characters, quotes, brackets, commas or semicolons.
bool isPlainMailAddress(std::string_view address);
// The Message-ID of an outbox message: "<id>@<first 12 hex digits of the kiosk id>.village-kiosk".
std::string outboxMessageId(std::string_view outboxId, std::string_view kioskId);

// The whole message, CRLF line ends, no line over 78 characters. Throws MailHeaderError.
std::string buildMailMessage(const MailMessage& message);

// The pieces, exposed for tests.
std::string encodeHeaderWords(std::string_view text, std::size_t firstLineUsed);  // RFC 2047, folded
std::string encodeQuotedPrintable(std::string_view text);                          // RFC 2045, CRLF, soft breaks
std::string rfc5322Date(std::int64_t unixMs);                                      // "Tue, 01 Dec 2026 22:38:29 +0000"

}  // namespace vk::net
