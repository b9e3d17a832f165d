#include "net/sms_gateway.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace vk::net {
namespace {

std::string lower(std::string text) {
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

std::string replaceAll(std::string text, const std::string& placeholder, const std::string& value) {
    for (std::size_t at = text.find(placeholder); at != std::string::npos;
         at = text.find(placeholder, at + value.size()))
        text.replace(at, placeholder.size(), value);
    return text;
}

bool jsonBody(const std::vector<std::string>& headers) {
    for (const std::string& line : headers) {
        const std::string folded = lower(line);
        if (folded.starts_with("content-type:") && folded.find("json") != std::string::npos) return true;
    }
    return false;
}

bool hasContentType(const std::vector<std::string>& headers) {
    return std::any_of(headers.begin(), headers.end(),
                       [](const std::string& line) { return lower(line).starts_with("content-type:"); });
}

// Retry-After is seconds ("120") or an HTTP date; either way a wait from now.
std::optional<std::chrono::milliseconds> retryAfterWait(const std::optional<std::string>& value, std::int64_t nowMs) {
    if (!value || value->empty()) return std::nullopt;
    if (std::all_of(value->begin(), value->end(), [](char c) { return c >= '0' && c <= '9'; })) {
        if (value->size() > 7) return std::chrono::milliseconds(std::int64_t{9'999'999} * 1000);
        return std::chrono::milliseconds(std::stoll(*value) * 1000);
    }
    const time_t when = curl_getdate(value->c_str(), nullptr);
    if (when < 0) return std::nullopt;
    return std::chrono::milliseconds(std::max<std::int64_t>(static_cast<std::int64_t>(when) * 1000 - nowMs, 0));
}

}  // namespace

std::string jsonEscape(const std::string& text) {
    std::string out;
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (byte < 0x20 || byte == 0x7f) {
                    char escaped[8];
                    std::snprintf(escaped, sizeof escaped, "\\u%04x", byte);
                    out += escaped;
                } else {
                    out += c;  // UTF-8 passes as is: JSON text is UTF-8
                }
        }
    }
    return out;
}

std::string percentEncode(const std::string& text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (std::isalnum(byte) || c == '-' || c == '.' || c == '_' || c == '~') out += c;
        else {
            out += '%';
            out += kHex[byte >> 4];
            out += kHex[byte & 15];
        }
    }
    return out;
}

std::optional<std::string> rejectGatewayHeader(const std::string& line) {
    for (const char c : line) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte == 0x7f) return "holds a line break or a control character";
    }
    const auto colon = line.find(':');
    if (colon == std::string::npos || colon == 0) return "must read \"Name: value\"";
    for (std::size_t i = 0; i < colon; ++i)
        if (line[i] == ' ' || line[i] == '\t') return "has a space in the header's name";
    if (lower(line.substr(0, colon)) == "idempotency-key") return "is set by the kiosk (the message's id)";
    return std::nullopt;
}

HttpRequest smsGatewayRequest(const SmsGatewaySettings& settings, const std::string& messageId,
                              const std::string& phone, const std::string& text) {
    HttpRequest request;
    request.url = replaceAll(replaceAll(settings.url, "{phone}", percentEncode(phone)), "{text}", percentEncode(text));
    request.method = settings.method;
    request.headers = settings.headers;
    const bool json = jsonBody(settings.headers);
    if (!hasContentType(settings.headers) && !settings.bodyTemplate.empty())
        request.headers.push_back("Content-Type: application/x-www-form-urlencoded");
    request.headers.push_back("Idempotency-Key: " + messageId);
    if (settings.method != "GET") {
        const auto escape = [json](const std::string& value) {
            return json ? jsonEscape(value) : percentEncode(value);
        };
        // Both placeholders in one pass, so that a text holding "{phone}" stays text.
        std::string body;
        const std::string& pattern = settings.bodyTemplate;
        for (std::size_t i = 0; i < pattern.size();) {
            if (pattern.compare(i, 7, "{phone}") == 0) {
                body += escape(phone);
                i += 7;
            } else if (pattern.compare(i, 6, "{text}") == 0) {
                body += escape(text);
                i += 6;
            } else {
                body += pattern[i++];
            }
        }
        request.body = std::move(body);
    }
    request.connectTimeout = settings.connectTimeout;
    request.timeout = settings.timeout;
    request.maxBodyBytes = 64 * 1024;
    request.cancel = settings.cancel;
    request.maxRedirects = 0;  // a gateway that redirects a POST is misconfigured; never resend elsewhere
    return request;
}

DeliveryResult classifyGatewayResponse(const HttpResponse& response, std::int64_t nowMs) {
    DeliveryResult result;
    switch (response.outcome) {
        case HttpOutcome::Ok: return {DeliveryOutcome::Sent, {}, std::nullopt};
        case HttpOutcome::HttpError:
        case HttpOutcome::NotModified:
        case HttpOutcome::TooManyRedirects:
            if (response.status == 408 || response.status == 429 || response.status >= 500) {
                result.outcome = DeliveryOutcome::Transient;
                result.retryAfter = retryAfterWait(response.retryAfter, nowMs);
            } else {
                result.outcome = DeliveryOutcome::Permanent;
            }
            result.error = "the SMS gateway answered with HTTP status " + std::to_string(response.status);
            return result;
        case HttpOutcome::BadUrl:
            return {DeliveryOutcome::Permanent, "the SMS gateway's settings cannot be used: " + response.message,
                    std::nullopt};
        case HttpOutcome::Timeout:
        case HttpOutcome::NetworkError:
        case HttpOutcome::TlsError:
        case HttpOutcome::TooLarge:
            return {DeliveryOutcome::Transient, "the SMS gateway: " + response.message, std::nullopt};
    }
    return {DeliveryOutcome::Transient, "the SMS gateway: " + response.message, std::nullopt};
}

DeliveryResult SmsGateway::send(const std::string& messageId, const std::string& phone, const std::string& text,
                                std::int64_t nowMs) const {
    return classifyGatewayResponse(client_.get(smsGatewayRequest(settings_, messageId, phone, text)), nowMs);
}

}  // namespace vk::net
