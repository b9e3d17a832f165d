#pragma once
// The [notifications.email] and [notifications.sms] sections of kiosk.toml (docs/configuration.md). A channel
// left unset keeps its messages pending; the staff screen « Messages » says why.

#include <filesystem>
#include <string>
#include <vector>

namespace vk::services::notifications {

struct EmailSettings {
    std::string smtpUrl;  // smtps://host:465 or smtp://host:587 (STARTTLS required)
    std::string from;     // the sender's address
    std::string fromName;  // empty: the village's name
    std::string username;
    std::filesystem::path passwordFile;  // the password is read from it; never written in kiosk.toml
    std::filesystem::path caFile;        // a private CA to verify the server with; empty: the system's
    int timeoutSeconds = 60;
    std::string password;  // read from passwordFile when the configuration is loaded; kept in memory only
    // Why e-mail cannot be sent although smtp_url is set (an unreadable password file), for the staff screen.
    std::string problem;
    bool configured() const { return !smtpUrl.empty() && !from.empty() && problem.empty(); }
};

struct SmsSettings {
    std::string url;
    std::string method = "POST";
    std::vector<std::string> headers;
    std::string bodyTemplate = "to={phone}&text={text}";
    int timeoutSeconds = 20;
    bool configured() const { return !url.empty(); }
};

struct NotificationSettings {
    EmailSettings email;
    SmsSettings sms;
};

}  // namespace vk::services::notifications
