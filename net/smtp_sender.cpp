#include "net/smtp_sender.h"

#include <curl/curl.h>

#include <algorithm>
#include <cstring>
#include <memory>

namespace vk::net {
namespace {

CURLcode globalInitResult() {
    // Same once-only initialisation as http_client.cpp; curl_global_init counts its calls, so two are fine.
    static const CURLcode result = curl_global_init(CURL_GLOBAL_DEFAULT);
    return result;
}

struct EasyDeleter {
    void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
struct SlistDeleter {
    void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

struct Upload {
    const std::string& data;
    std::size_t offset = 0;
    const std::atomic<bool>* cancel = nullptr;
};

int onProgress(void* userdata, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
    const auto& upload = *static_cast<Upload*>(userdata);
    return upload.cancel && upload.cancel->load() ? 1 : 0;
}

std::size_t onRead(char* buffer, std::size_t size, std::size_t count, void* userdata) {
    auto& upload = *static_cast<Upload*>(userdata);
    const std::size_t n = std::min(size * count, upload.data.size() - upload.offset);
    std::memcpy(buffer, upload.data.data() + upload.offset, n);
    upload.offset += n;
    return n;
}

bool hasControlCharacter(const std::string& text) {
    return std::any_of(text.begin(), text.end(), [](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return byte < 0x20 || byte == 0x7f;
    });
}

DeliveryResult transient(std::string error) { return {DeliveryOutcome::Transient, std::move(error), std::nullopt}; }
DeliveryResult permanent(std::string error) { return {DeliveryOutcome::Permanent, std::move(error), std::nullopt}; }

std::string withDetail(std::string sentence, const char* detail) {
    if (detail != nullptr && *detail != '\0') {
        std::string text(detail);
        while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
        sentence += " (" + text + ")";
    }
    return sentence;
}

}  // namespace

std::optional<std::string> rejectSmtpUrl(const std::string& url) {
    if (url.empty()) return "is empty";
    if (hasControlCharacter(url)) return "contains control characters";
    if (!url.starts_with("smtps://") && !url.starts_with("smtp://"))
        return "must start with smtps:// (port 465) or smtp:// (port 587, STARTTLS)";
    const auto hostStart = url.find("://") + 3;
    if (hostStart >= url.size() || url[hostStart] == '/' || url[hostStart] == ':') return "has no server name";
    return std::nullopt;
}

SmtpSender::SmtpSender(SmtpSettings settings) : settings_(std::move(settings)) { globalInitResult(); }

DeliveryResult SmtpSender::send(const MailMessage& message) const {
    if (auto reason = rejectSmtpUrl(settings_.url)) return permanent("the SMTP address " + *reason);
    if (hasControlCharacter(settings_.username) || hasControlCharacter(settings_.password))
        return permanent("the SMTP user name or password holds a line break");
    std::string data;
    try {
        data = buildMailMessage(message);
    } catch (const MailHeaderError& error) {
        return permanent(error.what());
    }
    if (globalInitResult() != CURLE_OK) return transient("the network library could not be initialised");
    const std::unique_ptr<CURL, EasyDeleter> handle(curl_easy_init());
    if (!handle) return transient("the network library could not start a request");
    CURL* curl = handle.get();

    const std::unique_ptr<curl_slist, SlistDeleter> recipients(
        curl_slist_append(nullptr, ("<" + message.toAddress + ">").c_str()));
    if (!recipients) return transient("the network library ran out of memory");
    const std::string from = "<" + message.fromAddress + ">";
    Upload upload{data, 0, settings_.cancel};
    char errorDetail[CURL_ERROR_SIZE] = {};

    curl_easy_setopt(curl, CURLOPT_URL, settings_.url.c_str());
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    // smtp:// must upgrade with STARTTLS or fail; smtps:// is TLS anyway. Never plain text with a password.
    curl_easy_setopt(curl, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!settings_.caFile.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, settings_.caFile.c_str());
    if (!settings_.username.empty()) {
        curl_easy_setopt(curl, CURLOPT_USERNAME, settings_.username.c_str());
        curl_easy_setopt(curl, CURLOPT_PASSWORD, settings_.password.c_str());
    }
    curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.c_str());
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients.get());
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, &onRead);
    curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
    curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(data.size()));
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS,
                     static_cast<long>(std::max<long long>(settings_.connectTimeout.count(), 1)));
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(std::max<long long>(settings_.timeout.count(), 1)));
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errorDetail);
    if (settings_.cancel) {
        curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, &onProgress);
        curl_easy_setopt(curl, CURLOPT_XFERINFODATA, &upload);
        curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
    }

    const CURLcode code = curl_easy_perform(curl);
    long reply = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply);
    if (code == CURLE_OK) return {DeliveryOutcome::Sent, {}, std::nullopt};
    if (code == CURLE_ABORTED_BY_CALLBACK) return transient("the sending was stopped (the kiosk was closing)");

    // The last SMTP reply tells a refusal (5xx: this recipient or sender will never do) from "later" (4xx).
    if (reply >= 500 && reply < 600)
        return permanent(withDetail("the mail server refused the message with code " + std::to_string(reply),
                                    errorDetail));
    if (reply >= 400 && reply < 500)
        return transient(withDetail("the mail server asked to try later (code " + std::to_string(reply) + ")",
                                    errorDetail));
    switch (code) {
        case CURLE_LOGIN_DENIED:
            return permanent(withDetail("the mail server refused the user name or password", errorDetail));
        case CURLE_USE_SSL_FAILED:
            return permanent("the mail server does not offer STARTTLS; use smtps:// or another server");
        case CURLE_PEER_FAILED_VERIFICATION:
            return transient(withDetail("the mail server's certificate could not be verified", errorDetail));
        case CURLE_OPERATION_TIMEDOUT:
            return transient("the mail server did not answer in time");
        case CURLE_COULDNT_RESOLVE_HOST:
            return transient(withDetail("the mail server's name could not be found", errorDetail));
        case CURLE_COULDNT_CONNECT:
            return transient(withDetail("the mail server could not be reached", errorDetail));
        default:
            return transient(withDetail("the exchange with the mail server failed", errorDetail));
    }
}

}  // namespace vk::net
