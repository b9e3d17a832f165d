#pragma once
// A small blocking HTTP(S) client on top of libcurl: the one way the kiosk fetches anything from the network
// (iCalendar rota feeds, notification endpoints). Meant to run on a worker thread; see docs/net.md.

#include <atomic>
#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vk::net {

struct HttpRequest {
    std::string url;  // http:// or https:// only; anything else is refused before any connection is made
    std::string method = "GET";       // "GET", "POST", "PUT" (the SMS gateway posts)
    std::optional<std::string> body;  // sent as is; set it for POST and PUT
    // Extra request lines "Name: value" (a gateway's Authorization, Content-Type, Idempotency-Key). A line with a
    // control character is refused (BadUrl) so that no value can smuggle in another header.
    std::vector<std::string> headers;
    // Validators from a previous response, sent back so an unchanged feed costs a 304 and no body.
    std::optional<std::string> ifNoneMatch;
    std::optional<std::string> ifModifiedSince;
    // The whole exchange, redirects included. Values below 1 ms count as 1 ms: libcurl would read 0 as "forever".
    std::chrono::milliseconds timeout{15000};
    std::chrono::milliseconds connectTimeout{5000};
    // Counted on the decoded body, so a compressed response cannot inflate past it.
    std::size_t maxBodyBytes = 5 * 1024 * 1024;
    int maxRedirects = 5;  // 0 refuses every redirect; negative values count as 0
    std::string userAgent = "village-kiosk/0.1";
    // When set, the transfer stops within about a second of it turning true (a worker told to stop): outcome
    // NetworkError, "the request was cancelled". Must outlive the call.
    const std::atomic<bool>* cancel = nullptr;
    // A PEM file of the authorities to trust instead of the system's (a territory hub with its own certificate
    // authority). Verification stays on either way. Empty: the system's store.
    std::string caFile;
};

enum class HttpOutcome {
    Ok,                // a 2xx answer, body complete
    NotModified,       // 304: keep what you have
    HttpError,         // the server answered with another status (4xx, 5xx, or a 3xx that could not be followed)
    TooLarge,          // the body (or the headers) went past the cap; the transfer was cut off
    TooManyRedirects,  // more than maxRedirects redirects, e.g. a loop
    Timeout,           // no connection within connectTimeout, or no complete answer within timeout
    NetworkError,      // name resolution, refused or reset connection, malformed answer...
    TlsError,          // handshake failed or the certificate did not verify (verification is never turned off)
    BadUrl,            // not an http(s) URL, malformed, or a redirect to another scheme; nothing was fetched
};

struct HttpResponse {
    HttpOutcome outcome = HttpOutcome::NetworkError;
    long status = 0;  // the final HTTP status, 0 when no answer was received
    std::string body;  // only for Ok and HttpError; always at most maxBodyBytes
    std::optional<std::string> etag;
    std::optional<std::string> lastModified;
    std::optional<std::string> retryAfter;  // the final answer's Retry-After, as sent (seconds or an HTTP date)
    std::string effectiveUrl;  // after redirects
    // One English sentence for staff or a technician, lower-case and without a final full stop so that it can
    // follow "could not fetch the rota: ". Empty for Ok.
    std::string message;
};

// Stateless and thread-safe: one easy handle per call, so any number of worker threads may share one client.
class HttpClient {
public:
    HttpClient();
    // Blocks until the answer, an error or the timeout. Never throws for anything the network does.
    HttpResponse get(const HttpRequest& request) const;
};

// A stable, lower-case key for logs, metrics and translation tables, e.g. "too_large".
std::string_view outcomeKey(HttpOutcome outcome);

}  // namespace vk::net
