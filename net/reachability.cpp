#include "net/reachability.h"

#include <curl/curl.h>

#include <memory>

namespace vk::net {

Reachability checkReachable(const std::string& url, std::chrono::milliseconds timeout) {
    Reachability result;
    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
    if (!curl) {
        result.problem = "libcurl could not start";
        return result;
    }
    char error[CURL_ERROR_SIZE] = {};
    const long timeoutMs = static_cast<long>(timeout.count());
    curl_easy_setopt(curl.get(), CURLOPT_URL, url.c_str());
    // Connect (and shake hands for TLS), then stop: no request goes out.
    curl_easy_setopt(curl.get(), CURLOPT_CONNECT_ONLY, 1L);
    curl_easy_setopt(curl.get(), CURLOPT_CONNECTTIMEOUT_MS, timeoutMs);
    curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT_MS, timeoutMs);
    curl_easy_setopt(curl.get(), CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl.get(), CURLOPT_ERRORBUFFER, error);
    curl_easy_setopt(curl.get(), CURLOPT_PROTOCOLS_STR, "http,https,smtp,smtps");
    const CURLcode code = curl_easy_perform(curl.get());
    double seconds = 0;
    curl_easy_getinfo(curl.get(), CURLINFO_TOTAL_TIME, &seconds);
    result.elapsedMs = static_cast<long>(seconds * 1000);
    result.reached = code == CURLE_OK;
    if (!result.reached) result.problem = error[0] ? error : curl_easy_strerror(code);
    return result;
}

}  // namespace vk::net
