#include "net/http_client.h"

#include <curl/curl.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace vk::net {

namespace {

// libcurl 7.88 (Debian 12) only caps headers per line, not in total, so a hostile server could stream headers
// until the timeout. Real feeds send a few kilobytes.
constexpr std::size_t kMaxHeaderBytes = 256 * 1024;

// curl_global_init is not thread-safe on every build, and curl_easy_init would call it lazily (and unsafely) from
// whichever thread comes first. A function-local static runs it exactly once, even under concurrent first calls.
// It is never undone: curl_global_cleanup at exit could race with a worker thread still inside a transfer.
CURLcode globalInitResult() {
    static const CURLcode result = curl_global_init(CURL_GLOBAL_DEFAULT);
    return result;
}

struct EasyDeleter {
    void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
struct SlistDeleter {
    void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
struct UrlDeleter {
    void operator()(CURLU* url) const { curl_url_cleanup(url); }
};

// What the callbacks see of one transfer.
struct TransferState {
    const std::atomic<bool>* cancel = nullptr;
    bool cancelled = false;
    std::size_t maxBodyBytes = 0;
    std::string body;
    bool bodyTooLarge = false;
    std::size_t headerBytes = 0;
    bool headersTooLarge = false;
    std::optional<std::string> etag;
    std::optional<std::string> lastModified;
    std::optional<std::string> retryAfter;
};

bool equalsIgnoringCase(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               const auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; };
               return lower(x) == lower(y);
           });
}

std::string_view trim(std::string_view text) {
    const auto isSpace = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!text.empty() && isSpace(text.front())) text.remove_prefix(1);
    while (!text.empty() && isSpace(text.back())) text.remove_suffix(1);
    return text;
}

std::size_t onBody(char* data, std::size_t size, std::size_t count, void* userdata) {
    auto& state = *static_cast<TransferState*>(userdata);
    const std::size_t bytes = size * count;
    // Checked before appending: the buffer never holds more than the cap. Returning a short count makes libcurl
    // abort the transfer at once with CURLE_WRITE_ERROR.
    if (bytes > state.maxBodyBytes - state.body.size()) {
        state.bodyTooLarge = true;
        return 0;
    }
    state.body.append(data, bytes);
    return bytes;
}

// libcurl calls it about once a second, and on every transfer of data; non-zero aborts the transfer.
int onProgress(void* userdata, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
    auto& state = *static_cast<TransferState*>(userdata);
    if (state.cancel && state.cancel->load()) state.cancelled = true;
    return state.cancelled ? 1 : 0;
}

std::size_t onHeader(char* data, std::size_t size, std::size_t count, void* userdata) {
    auto& state = *static_cast<TransferState*>(userdata);
    const std::size_t bytes = size * count;
    state.headerBytes += bytes;
    if (state.headerBytes > kMaxHeaderBytes) {
        state.headersTooLarge = true;
        return 0;
    }
    const std::string_view line(data, bytes);
    // Each response in a chain (100 Continue, every redirect hop) starts with a status line; only the headers and
    // body of the final one belong to the result.
    if (line.substr(0, 5) == "HTTP/") {
        state.etag.reset();
        state.lastModified.reset();
        state.retryAfter.reset();
        state.body.clear();
        return bytes;
    }
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) return bytes;
    const std::string_view name = trim(line.substr(0, colon));
    const std::string_view value = trim(line.substr(colon + 1));
    if (equalsIgnoringCase(name, "ETag")) state.etag = std::string(value);
    else if (equalsIgnoringCase(name, "Last-Modified")) state.lastModified = std::string(value);
    else if (equalsIgnoringCase(name, "Retry-After")) state.retryAfter = std::string(value);
    return bytes;
}

// A header value or URL with a control character could smuggle extra header lines into the request.
bool hasControlCharacter(std::string_view text) {
    return std::any_of(text.begin(), text.end(), [](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return byte < 0x20 || byte == 0x7f;
    });
}

std::string describeDuration(std::chrono::milliseconds duration) {
    const auto ms = duration.count();
    if (ms % 1000 == 0) return std::to_string(ms / 1000) + " s";
    if (ms > 1000) return std::to_string(ms / 1000) + "." + std::to_string((ms % 1000) / 100) + " s";
    return std::to_string(ms) + " ms";
}

std::string describeSize(std::size_t bytes) {
    constexpr std::size_t kib = 1024;
    constexpr std::size_t mib = 1024 * kib;
    if (bytes >= mib && bytes % mib == 0) return std::to_string(bytes / mib) + " MB";
    if (bytes >= kib && bytes % kib == 0) return std::to_string(bytes / kib) + " KB";
    return std::to_string(bytes) + " bytes";
}

std::string_view reasonPhrase(long status) {
    switch (status) {
        case 400: return "Bad Request";
        case 401: return "Unauthorized";
        case 403: return "Forbidden";
        case 404: return "Not Found";
        case 408: return "Request Timeout";
        case 410: return "Gone";
        case 429: return "Too Many Requests";
        case 500: return "Internal Server Error";
        case 502: return "Bad Gateway";
        case 503: return "Service Unavailable";
        case 504: return "Gateway Timeout";
        default: return {};
    }
}

std::string withDetail(std::string sentence, const char* curlDetail) {
    const std::string_view detail = trim(curlDetail);
    if (!detail.empty()) sentence += " (" + std::string(detail) + ")";
    return sentence;
}

// Refuses anything but an absolute http(s) URL before libcurl sees it, so that a typo in the configuration
// ("file:///etc/passwd", "ftp://...") can never read a local file or open another protocol.
std::optional<std::string> rejectUrl(const std::string& url) {
    if (url.find('\0') != std::string::npos || hasControlCharacter(url))
        return "the address contains control characters";
    const std::unique_ptr<CURLU, UrlDeleter> parsed(curl_url());
    if (!parsed) return "the address could not be checked (out of memory)";
    if (curl_url_set(parsed.get(), CURLUPART_URL, url.c_str(), CURLU_NON_SUPPORT_SCHEME) != CURLUE_OK)
        return "the address is not a valid web address";
    char* scheme = nullptr;
    if (curl_url_get(parsed.get(), CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK || scheme == nullptr)
        return "the address has no http:// or https:// prefix";
    const std::string schemeText(scheme);
    curl_free(scheme);
    // libcurl lower-cases the scheme when it parses the URL.
    if (schemeText != "http" && schemeText != "https")
        return "the address starts with " + schemeText + "://, but only http:// and https:// are allowed";
    return std::nullopt;
}

HttpResponse failure(HttpOutcome outcome, std::string message) {
    HttpResponse response;
    response.outcome = outcome;
    response.message = std::move(message);
    return response;
}

bool isTlsError(CURLcode code) {
    switch (code) {
        case CURLE_SSL_CONNECT_ERROR:
        case CURLE_PEER_FAILED_VERIFICATION:
        case CURLE_SSL_CERTPROBLEM:
        case CURLE_SSL_CIPHER:
        case CURLE_SSL_CACERT_BADFILE:
        case CURLE_SSL_CRL_BADFILE:
        case CURLE_SSL_ISSUER_ERROR:
        case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
        case CURLE_SSL_INVALIDCERTSTATUS:
        case CURLE_SSL_SHUTDOWN_FAILED:
        case CURLE_SSL_ENGINE_NOTFOUND:
        case CURLE_SSL_ENGINE_SETFAILED:
        case CURLE_SSL_ENGINE_INITFAILED:
        case CURLE_USE_SSL_FAILED: return true;
        default: return false;
    }
}

}  // namespace

HttpClient::HttpClient() { globalInitResult(); }

HttpResponse HttpClient::get(const HttpRequest& request) const {
    if (globalInitResult() != CURLE_OK)
        return failure(HttpOutcome::NetworkError, "the network library could not be initialised");
    if (auto reason = rejectUrl(request.url)) return failure(HttpOutcome::BadUrl, std::move(*reason));
    if (request.method != "GET" && request.method != "POST" && request.method != "PUT")
        return failure(HttpOutcome::BadUrl, "the method " + request.method.substr(0, 20) + " is not GET, POST or PUT");
    if ((request.ifNoneMatch && hasControlCharacter(*request.ifNoneMatch)) ||
        (request.ifModifiedSince && hasControlCharacter(*request.ifModifiedSince)) ||
        hasControlCharacter(request.userAgent) ||
        std::any_of(request.headers.begin(), request.headers.end(),
                    [](const std::string& line) { return hasControlCharacter(line); }))
        return failure(HttpOutcome::BadUrl, "a request header contains a line break or another control character");

    const std::unique_ptr<CURL, EasyDeleter> handle(curl_easy_init());
    if (!handle) return failure(HttpOutcome::NetworkError, "the network library could not start a request");
    CURL* curl = handle.get();

    std::unique_ptr<curl_slist, SlistDeleter> headers;
    const auto addHeader = [&headers](const std::string& line) {
        curl_slist* extended = curl_slist_append(headers.get(), line.c_str());
        if (extended == nullptr) return false;
        static_cast<void>(headers.release());  // now owned by `extended`
        headers.reset(extended);
        return true;
    };
    if ((request.ifNoneMatch && !addHeader("If-None-Match: " + *request.ifNoneMatch)) ||
        (request.ifModifiedSince && !addHeader("If-Modified-Since: " + *request.ifModifiedSince)))
        return failure(HttpOutcome::NetworkError, "the network library ran out of memory");
    for (const std::string& line : request.headers)
        if (!addHeader(line)) return failure(HttpOutcome::NetworkError, "the network library ran out of memory");

    // libcurl reads 0 as "no limit" for both timeouts and the file size, and -1 as "unlimited redirects".
    const auto timeout = std::max(request.timeout, std::chrono::milliseconds(1));
    const auto connectTimeout = std::max(request.connectTimeout, std::chrono::milliseconds(1));
    const int maxRedirects = std::max(request.maxRedirects, 0);

    TransferState state;
    state.maxBodyBytes = request.maxBodyBytes;
    state.cancel = request.cancel;
    char errorDetail[CURL_ERROR_SIZE] = {};

    curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
    // The scheme was checked above; these also cover every redirect hop.
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(curl, CURLOPT_MAXREDIRS, static_cast<long>(maxRedirects));
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!request.caFile.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, request.caFile.c_str());
    // Without it libcurl uses SIGALRM to time out name resolution, which is not safe outside the main thread.
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout.count()));
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(connectTimeout.count()));
    curl_easy_setopt(curl, CURLOPT_USERAGENT, request.userAgent.c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers.get());
    // Any encoding libcurl can decode; the cap in onBody applies to the decoded bytes.
    curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");
    // Refuses a too large declared Content-Length before the first body byte; onBody catches the rest (chunked
    // answers, lying servers).
    if (request.maxBodyBytes > 0) {
        const auto cap = std::min<std::uintmax_t>(request.maxBodyBytes,
                                                  static_cast<std::uintmax_t>(std::numeric_limits<curl_off_t>::max()));
        curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(cap));
    }
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &onBody);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &state);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, &onHeader);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &state);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errorDetail);
    if (request.cancel) {
        curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, &onProgress);
        curl_easy_setopt(curl, CURLOPT_XFERINFODATA, &state);
        curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
    }
    if (request.body) {
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body->size()));
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body->data());
    }
    // POSTFIELDS makes it a POST; any other method is named (a body-less POST included).
    if (request.method != "GET" && !(request.method == "POST" && request.body))
        curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());

    const CURLcode code = curl_easy_perform(curl);

    HttpResponse response;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
    char* effectiveUrl = nullptr;
    if (curl_easy_getinfo(curl, CURLINFO_EFFECTIVE_URL, &effectiveUrl) == CURLE_OK && effectiveUrl != nullptr)
        response.effectiveUrl = effectiveUrl;

    if (code == CURLE_OK) {
        response.etag = std::move(state.etag);
        response.lastModified = std::move(state.lastModified);
        response.retryAfter = std::move(state.retryAfter);
        if (response.status >= 200 && response.status < 300) {
            response.outcome = HttpOutcome::Ok;
            response.body = std::move(state.body);
        } else if (response.status == 304) {
            response.outcome = HttpOutcome::NotModified;
            response.message = "the server says nothing has changed since the last fetch";
        } else {
            response.outcome = HttpOutcome::HttpError;
            response.body = std::move(state.body);
            const auto reason = reasonPhrase(response.status);
            if (response.status >= 300 && response.status < 400)
                response.message = "the server answered with a redirect (HTTP status " +
                                   std::to_string(response.status) + ") that has no address to follow";
            else
                response.message = "the server answered with HTTP status " + std::to_string(response.status) +
                                   (reason.empty() ? "" : " (" + std::string(reason) + ")");
        }
        return response;
    }

    // From here on the transfer failed: whatever part of a body arrived is not returned.
    if (state.cancelled) {
        response.outcome = HttpOutcome::NetworkError;
        response.message = "the request was cancelled";
    } else if (state.bodyTooLarge || code == CURLE_FILESIZE_EXCEEDED) {
        response.outcome = HttpOutcome::TooLarge;
        response.message = "the answer is larger than the " + describeSize(request.maxBodyBytes) + " limit";
    } else if (state.headersTooLarge) {
        response.outcome = HttpOutcome::TooLarge;
        response.message = "the server sent more than " + describeSize(kMaxHeaderBytes) + " of headers";
    } else if (code == CURLE_TOO_MANY_REDIRECTS) {
        response.outcome = HttpOutcome::TooManyRedirects;
        response.message = maxRedirects == 0
                               ? "the server answered with a redirect, and this request allows none"
                               : "the server redirected more than " + std::to_string(maxRedirects) +
                                     " times, probably in a loop";
    } else if (code == CURLE_OPERATION_TIMEDOUT) {
        response.outcome = HttpOutcome::Timeout;
        curl_off_t connectedAfter = 0;
        curl_off_t tlsReadyAfter = 0;
        curl_easy_getinfo(curl, CURLINFO_CONNECT_TIME_T, &connectedAfter);
        curl_easy_getinfo(curl, CURLINFO_APPCONNECT_TIME_T, &tlsReadyAfter);
        const bool https = response.effectiveUrl.rfind("https:", 0) == 0;
        if (connectedAfter == 0 || (https && tlsReadyAfter == 0))
            response.message = "could not connect to the server within " +
                               describeDuration(std::min(connectTimeout, timeout));
        else
            response.message = "the server did not answer within " + describeDuration(timeout);
    } else if (code == CURLE_UNSUPPORTED_PROTOCOL && response.status >= 300 && response.status < 400) {
        // The first URL was checked above, so this can only be a redirect hop to another scheme.
        response.outcome = HttpOutcome::BadUrl;
        response.message = "the server redirected to an address that is not http:// or https://";
    } else if (code == CURLE_URL_MALFORMAT && response.status >= 300 && response.status < 400) {
        response.outcome = HttpOutcome::BadUrl;
        response.message = "the server redirected to an invalid address";
    } else if (isTlsError(code)) {
        response.outcome = HttpOutcome::TlsError;
        response.message = withDetail(code == CURLE_PEER_FAILED_VERIFICATION
                                          ? "the server's certificate could not be verified"
                                          : "the secure connection to the server could not be established",
                                      errorDetail);
    } else {
        response.outcome = HttpOutcome::NetworkError;
        switch (code) {
            case CURLE_COULDNT_RESOLVE_HOST:
                response.message = withDetail("the server name could not be found", errorDetail);
                break;
            case CURLE_COULDNT_CONNECT:
                response.message = withDetail("the server could not be reached", errorDetail);
                break;
            default:
                response.message = withDetail("the connection to the server failed", errorDetail);
                break;
        }
    }
    return response;
}

std::string_view outcomeKey(HttpOutcome outcome) {
    switch (outcome) {
        case HttpOutcome::Ok: return "ok";
        case HttpOutcome::NotModified: return "not_modified";
        case HttpOutcome::HttpError: return "http_error";
        case HttpOutcome::TooLarge: return "too_large";
        case HttpOutcome::TooManyRedirects: return "too_many_redirects";
        case HttpOutcome::Timeout: return "timeout";
        case HttpOutcome::NetworkError: return "network_error";
        case HttpOutcome::TlsError: return "tls_error";
        case HttpOutcome::BadUrl: return "bad_url";
    }
    return "unknown";
}

}  // namespace vk::net
