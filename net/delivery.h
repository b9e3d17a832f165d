#pragma once
// What one try at sending a message to a resident came to, whichever channel (SMTP, SMS gateway) carried it.

#include <chrono>
#include <optional>
#include <string>

namespace vk::net {

enum class DeliveryOutcome {
    Sent,       // the far end took the message (SMTP 250 after DATA, HTTP 2xx)
    Transient,  // worth trying again later: no network, a timeout, SMTP 4xx, HTTP 408, 429 or 5xx
    Permanent,  // the far end refuses this message or our settings: SMTP 5xx, HTTP 4xx, a bad address
};

struct DeliveryResult {
    DeliveryOutcome outcome = DeliveryOutcome::Transient;
    // One English sentence for staff and the technician, lower-case, no final full stop; empty when sent. It never
    // holds the password, the gateway's headers or the message's text.
    std::string error;
    std::optional<std::chrono::milliseconds> retryAfter;  // the far end asked to wait this long (HTTP Retry-After)
};

}  // namespace vk::net
