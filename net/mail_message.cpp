#include "net/mail_message.h"

#include <array>
#include <ctime>

namespace vk::net {
namespace {

bool hasLineBreakOrControl(std::string_view text) {
    for (const unsigned char c : text)
        if (c < 0x20 || c == 0x7f) return true;
    return false;
}

bool isPrintableAscii(std::string_view text) {
    for (const unsigned char c : text)
        if (c < 0x20 || c >= 0x7f) return false;
    return true;
}

std::string base64(std::string_view bytes) {
    static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 2 < bytes.size(); i += 3) {
        const unsigned n = static_cast<unsigned char>(bytes[i]) << 16 | static_cast<unsigned char>(bytes[i + 1]) << 8 |
                           static_cast<unsigned char>(bytes[i + 2]);
        out += kAlphabet[n >> 18 & 63];
        out += kAlphabet[n >> 12 & 63];
        out += kAlphabet[n >> 6 & 63];
        out += kAlphabet[n & 63];
    }
    if (i < bytes.size()) {
        unsigned n = static_cast<unsigned char>(bytes[i]) << 16;
        if (i + 1 < bytes.size()) n |= static_cast<unsigned char>(bytes[i + 1]) << 8;
        out += kAlphabet[n >> 18 & 63];
        out += kAlphabet[n >> 12 & 63];
        out += i + 1 < bytes.size() ? kAlphabet[n >> 6 & 63] : '=';
        out += '=';
    }
    return out;
}

// The length of the UTF-8 sequence that starts with `lead` (1 for a stray continuation byte, kept whole).
std::size_t sequenceLength(unsigned char lead) {
    if (lead >= 0xf0) return 4;
    if (lead >= 0xe0) return 3;
    if (lead >= 0xc0) return 2;
    return 1;
}

// An encoded word holds at most 75 characters (RFC 2047 section 2): "=?UTF-8?B?" and "?=" take 12, so 39 bytes
// (52 base64 characters) fit with room for the header's name on the first line.
constexpr std::size_t kBytesPerWord = 39;

}  // namespace

bool isPlainMailAddress(std::string_view address) {
    const auto at = address.find('@');
    if (address.empty() || address.size() > 254 || at == std::string_view::npos || at == 0 ||
        at + 1 == address.size() || address.find('@', at + 1) != std::string_view::npos)
        return false;
    for (const unsigned char c : address) {
        if (c <= 0x20 || c >= 0x7f) return false;
        if (c == '<' || c == '>' || c == '"' || c == ',' || c == ';' || c == '(' || c == ')' || c == '\\' ||
            c == '[' || c == ']' || c == ':')
            return false;
    }
    return true;
}

std::string outboxMessageId(std::string_view outboxId, std::string_view kioskId) {
    const auto clean = [](std::string_view text, bool keepDashes) {
        std::string out;
        for (const char c : text)
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || (keepDashes && c == '-'))
                out += c;
        return out.empty() ? std::string("unknown") : out;
    };
    // Twelve hex digits of the kiosk's id keep "Message-ID: <…>" within 78 characters; the outbox id is unique on
    // its own (a UUIDv7), the kiosk part only says where it came from.
    return clean(outboxId, true) + "@" + clean(kioskId, false).substr(0, 12) + ".village-kiosk";
}

std::string encodeHeaderWords(std::string_view text, std::size_t firstLineUsed) {
    // Plain ASCII that fits stays readable; anything else becomes encoded words, cut between characters.
    if (isPrintableAscii(text) && firstLineUsed + text.size() <= 78 && text.find("=?") == std::string_view::npos)
        return std::string(text);
    std::string out;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = start;
        while (end < text.size()) {
            const std::size_t next = end + sequenceLength(static_cast<unsigned char>(text[end]));
            if (next - start > kBytesPerWord) break;
            end = std::min(next, text.size());
        }
        if (end == start) end = std::min(start + kBytesPerWord, text.size());
        if (!out.empty()) out += "\r\n ";
        out += "=?UTF-8?B?" + base64(text.substr(start, end - start)) + "?=";
        start = end;
    }
    return out;
}

std::string encodeQuotedPrintable(std::string_view text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    std::size_t lineStart = 0;
    while (lineStart <= text.size()) {
        std::size_t lineEnd = text.find('\n', lineStart);
        const bool last = lineEnd == std::string_view::npos;
        if (last) lineEnd = text.size();
        std::string_view line = text.substr(lineStart, lineEnd - lineStart);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        std::size_t column = 0;
        for (std::size_t i = 0; i < line.size(); ++i) {
            const auto c = static_cast<unsigned char>(line[i]);
            const bool trailingSpace = (c == ' ' || c == '\t') && i + 1 == line.size();
            // A leading dot would meet SMTP's end-of-data marker; libcurl escapes it too, this makes it certain.
            const bool literal = ((c >= 33 && c <= 126 && c != '=') || c == ' ' || c == '\t') && !trailingSpace &&
                                 !(c == '.' && column == 0);
            std::string piece;
            if (literal) piece = static_cast<char>(c);
            else piece = {'=', kHex[c >> 4], kHex[c & 15]};
            // 76 characters at most per encoded line, the soft break's '=' included (RFC 2045 6.7).
            if (column + piece.size() > 75) {
                out += "=\r\n";
                column = 0;
                if (c == '.' && literal) piece = "=2E";
            }
            out += piece;
            column += piece.size();
        }
        if (last) break;
        out += "\r\n";
        lineStart = lineEnd + 1;
    }
    return out;
}

std::string rfc5322Date(std::int64_t unixMs) {
    const std::time_t seconds = static_cast<std::time_t>(unixMs / 1000);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    static constexpr std::array<const char*, 7> kDays{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static constexpr std::array<const char*, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    char text[40];
    std::snprintf(text, sizeof text, "%s, %02d %s %04d %02d:%02d:%02d +0000",
                  kDays[static_cast<std::size_t>(utc.tm_wday)], utc.tm_mday,
                  kMonths[static_cast<std::size_t>(utc.tm_mon)], utc.tm_year + 1900, utc.tm_hour, utc.tm_min,
                  utc.tm_sec);
    return text;
}

std::string buildMailMessage(const MailMessage& message) {
    if (!isPlainMailAddress(message.fromAddress))
        throw MailHeaderError("the sender's address is not a plain e-mail address");
    if (!isPlainMailAddress(message.toAddress))
        throw MailHeaderError("the recipient's address is not a plain e-mail address (no spaces or line breaks)");
    if (hasLineBreakOrControl(message.fromName))
        throw MailHeaderError("the sender's name holds a line break or a control character");
    if (hasLineBreakOrControl(message.messageId) || message.messageId.find('@') == std::string::npos)
        throw MailHeaderError("the Message-ID is malformed");

    std::string from;
    if (!message.fromName.empty()) {
        // A name that is plain words goes in quotes; any other is an encoded word, where no character is special.
        bool plainWords = isPrintableAscii(message.fromName);
        for (const char c : message.fromName)
            if (c == '"' || c == '\\' || c == '=' || c == '?') plainWords = false;
        from = plainWords && message.fromName.size() <= 40 ? "\"" + message.fromName + "\""
                                                            : encodeHeaderWords(message.fromName, 78);
        from += message.fromName.size() + message.fromAddress.size() > 40 ? "\r\n <" : " <";
        from += message.fromAddress + ">";
    } else {
        from = "<" + message.fromAddress + ">";
    }

    std::string out;
    out += "Date: " + rfc5322Date(message.dateMs) + "\r\n";
    out += "From: " + from + "\r\n";
    out += "To: <" + message.toAddress + ">\r\n";
    out += "Subject: " + encodeHeaderWords(message.subject, 9) + "\r\n";
    out += "Message-ID: <" + message.messageId + ">\r\n";
    out += "MIME-Version: 1.0\r\n";
    out += "Content-Type: text/plain; charset=UTF-8\r\n";
    out += "Content-Transfer-Encoding: quoted-printable\r\n";
    // RFC 3834: an automatic message, so that out-of-office replies are not sent back to the café.
    out += "Auto-Submitted: auto-generated\r\n";
    out += "\r\n";
    out += encodeQuotedPrintable(message.body);
    out += "\r\n";
    return out;
}

}  // namespace vk::net
