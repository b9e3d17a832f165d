#pragma once
// Sends one e-mail through the café's SMTP server with libcurl: `smtps://host:465` (TLS from the first byte) or
// `smtp://host:587` with STARTTLS required (CURLUSESSL_ALL: no plain-text fallback). Certificates are always
// verified, against the system's CA store or `caFile`. Blocking: call it on the notifications worker thread.

#include "net/delivery.h"
#include "net/mail_message.h"

#include <atomic>
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>

namespace vk::net {

struct SmtpSettings {
    std::string url;  // smtps://host[:port] or smtp://host[:port]
    std::string username;  // empty: no AUTH
    std::string password;  // read from the password file by the caller, never from kiosk.toml
    std::filesystem::path caFile;  // empty: the system's CA store; otherwise this file only (still verified)
    std::chrono::milliseconds connectTimeout{10000};
    std::chrono::milliseconds timeout{60000};  // the whole exchange
    // When set, the exchange stops within about a second of it turning true (Transient). Must outlive send().
    const std::atomic<bool>* cancel = nullptr;
};

// Why a URL cannot be used ("must start with smtps:// or smtp://"), or nothing when it can.
std::optional<std::string> rejectSmtpUrl(const std::string& url);

class SmtpSender {
public:
    explicit SmtpSender(SmtpSettings settings);
    // Builds the message (buildMailMessage) and sends it. A recipient the message cannot be written for (a line
    // break in the address) is Permanent and nothing is sent. SMTP 5xx is Permanent, 4xx and network trouble
    // Transient.
    DeliveryResult send(const MailMessage& message) const;

private:
    SmtpSettings settings_;
};

}  // namespace vk::net
