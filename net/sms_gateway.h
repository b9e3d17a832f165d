#pragma once
// Sends one SMS through an HTTP gateway the technician configures: a URL, a method, header lines and a body
// template holding {phone} and {text}. How the values are escaped follows the Content-Type header the
// configuration gives: JSON-escaped (without the quotes, which the template writes) when it names json,
// percent-encoded as in a form (application/x-www-form-urlencoded, the default) otherwise. {phone} and {text}
// in the URL are always percent-encoded. Every request carries `Idempotency-Key: <outbox message id>`, the same on
// every try, so a gateway that honours it drops the copy sent after a kill.

#include "net/delivery.h"
#include "net/http_client.h"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace vk::net {

struct SmsGatewaySettings {
    std::string url;
    std::string method = "POST";
    std::vector<std::string> headers;  // "Authorization: Bearer …", "Content-Type: application/json"
    std::string bodyTemplate = "to={phone}&text={text}";
    std::chrono::milliseconds connectTimeout{5000};
    std::chrono::milliseconds timeout{20000};  // the whole request: a hanging gateway costs at most this
    const std::atomic<bool>* cancel = nullptr;  // see HttpRequest::cancel
};

// Why a header line cannot be used, or nothing. "Name: value", no control character, not Idempotency-Key.
std::optional<std::string> rejectGatewayHeader(const std::string& line);

// The request sent for one message (exposed for tests).
HttpRequest smsGatewayRequest(const SmsGatewaySettings& settings, const std::string& messageId,
                              const std::string& phone, const std::string& text);

// 2xx Sent; 408, 429, 5xx, a timeout or no network Transient (with Retry-After when given); other answers
// Permanent.
DeliveryResult classifyGatewayResponse(const HttpResponse& response, std::int64_t nowMs);

class SmsGateway {
public:
    explicit SmsGateway(SmsGatewaySettings settings) : settings_(std::move(settings)) {}
    DeliveryResult send(const std::string& messageId, const std::string& phone, const std::string& text,
                        std::int64_t nowMs) const;

private:
    SmsGatewaySettings settings_;
    HttpClient client_;
};

std::string jsonEscape(const std::string& text);
std::string percentEncode(const std::string& text);

}  // namespace vk::net
