#pragma once
// The kiosk's side of the hub protocol over HTTP(S): the requests it sends and how it reads the answers. The
// requests go through net::HttpClient (libcurl, certificates verified), blocking or on a FetchWorker.

#include "net/http_client.h"
#include "net/hub/hub_protocol.h"

#include <optional>
#include <string>

namespace vk::net::hub {

struct HubEndpoint {
    std::string baseUrl;     // "https://hub.example.org:8443"
    std::string credential;  // from `village-hub add-kiosk`
    std::string kioskId;     // this kiosk's own id
    std::string caFile;      // empty: the system's authorities
};

HttpRequest pushRequest(const HubEndpoint& hub, const PushRequest& push);
HttpRequest pullRequest(const HubEndpoint& hub, std::int64_t after, int limit = kDefaultPullLimit);

// What an answer means. `message` (lower case, no final stop) says why a round could not go on.
struct HubAnswer {
    bool ok = false;
    bool forgotten = false;  // 410: pull again from 0
    std::string message;
};
HubAnswer readAnswer(const HttpResponse& response);

}  // namespace vk::net::hub
