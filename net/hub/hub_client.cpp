#include "net/hub/hub_client.h"

namespace vk::net::hub {
namespace {

std::string trimmedBase(const std::string& url) {
    std::string base = url;
    while (!base.empty() && base.back() == '/') base.pop_back();
    return base;
}

HttpRequest baseRequest(const HubEndpoint& hub) {
    HttpRequest request;
    request.headers = {"Authorization: Bearer " + hub.credential, "X-Kiosk-Id: " + hub.kioskId};
    request.caFile = hub.caFile;
    request.maxRedirects = 0;
    request.timeout = std::chrono::milliseconds(30000);
    request.maxBodyBytes = 64 * 1024 * 1024;
    return request;
}

}  // namespace

HttpRequest pushRequest(const HubEndpoint& hub, const PushRequest& push) {
    HttpRequest request = baseRequest(hub);
    request.url = trimmedBase(hub.baseUrl) + "/v1/push";
    request.method = "POST";
    request.body = encodePush(push);
    request.headers.push_back("Content-Type: application/json");
    return request;
}

HttpRequest pullRequest(const HubEndpoint& hub, std::int64_t after, int limit) {
    HttpRequest request = baseRequest(hub);
    request.url = trimmedBase(hub.baseUrl) + "/v1/pull?after=" + std::to_string(after) + "&limit=" + std::to_string(limit);
    return request;
}

HubAnswer readAnswer(const HttpResponse& response) {
    HubAnswer answer;
    if (response.outcome == HttpOutcome::Ok) {
        answer.ok = true;
        return answer;
    }
    if (response.outcome == HttpOutcome::HttpError) {
        answer.forgotten = response.status == 410;
        answer.message = "the hub answered " + std::to_string(response.status) + ": " + errorMessage(response.body);
        return answer;
    }
    answer.message = response.message.empty() ? std::string(outcomeKey(response.outcome)) : response.message;
    return answer;
}

}  // namespace vk::net::hub
