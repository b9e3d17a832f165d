#include "net/hub/hub_server.h"

#include "net/hub/hub_protocol.h"
#include "storage/hub/hub_store.h"

#include <httplib.h>
#include <zlib.h>

#include <algorithm>
#include <iostream>
#include <limits>
#include <mutex>
#include <optional>
#include <vector>

namespace vk::net::hub {

using storage::hub::HubKiosk;
using storage::hub::HubStore;

// One database connection per request in flight: a connection is taken from here and given back after.
struct HubServer::Pool {
    std::string databaseUrl;
    std::mutex mutex;
    std::vector<std::unique_ptr<HubStore>> idle;

    std::unique_ptr<HubStore> take() {
        {
            std::lock_guard lock(mutex);
            if (!idle.empty()) {
                auto store = std::move(idle.back());
                idle.pop_back();
                return store;
            }
        }
        return std::make_unique<HubStore>(databaseUrl);
    }
    void giveBack(std::unique_ptr<HubStore> store) {
        std::lock_guard lock(mutex);
        idle.push_back(std::move(store));
    }
};

namespace {

// The hub compresses its answers itself, with gzip at zlib's fastest level, and never lets cpp-httplib do it: to a
// client that accepts brotli (libcurl offers it, so every kiosk does) httplib answers at brotli's slowest quality,
// which took most of the hub's CPU and made a catch-up take seconds (docs/hub.md, « Figures »). httplib compresses
// only the content types it knows exactly, so this one, with its charset, it leaves as it is.
constexpr const char* kJsonType = "application/json; charset=utf-8";
// Below this, compressing saves less than it costs (errors, a push's verdicts for a change or two).
constexpr std::size_t kCompressFromBytes = 1024;

bool acceptsGzip(const httplib::Request& request) {
    const std::string accepted = request.get_header_value("Accept-Encoding");
    std::size_t start = 0;
    while (start < accepted.size()) {
        std::size_t end = accepted.find(',', start);
        if (end == std::string::npos) end = accepted.size();
        std::string item = accepted.substr(start, end - start);
        start = end + 1;
        item.erase(std::remove_if(item.begin(), item.end(), [](char c) { return c == ' ' || c == '\t'; }), item.end());
        const auto semicolon = item.find(';');
        const std::string name = item.substr(0, semicolon);
        // "gzip;q=0" (or "q=0.0") refuses it.
        const bool refused = semicolon != std::string::npos && item.compare(semicolon, 4, ";q=0") == 0 &&
                             item.find_first_not_of("0.", semicolon + 4) == std::string::npos;
        if ((name == "gzip" || name == "*") && !refused) return true;
    }
    return false;
}

std::optional<std::string> gzipped(const std::string& text) {
    z_stream stream{};
    // windowBits 15 + 16: a gzip header and trailer rather than zlib's.
    if (deflateInit2(&stream, Z_BEST_SPEED, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return std::nullopt;
    std::string out(deflateBound(&stream, static_cast<uLong>(text.size())), '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
    stream.avail_in = static_cast<uInt>(text.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    const int result = deflate(&stream, Z_FINISH);
    out.resize(stream.total_out);
    deflateEnd(&stream);
    if (result != Z_STREAM_END) return std::nullopt;
    return out;
}

void answerJson(const httplib::Request& request, httplib::Response& response, std::string body) {
    response.set_header("Vary", "Accept-Encoding");
    if (body.size() >= kCompressFromBytes && acceptsGzip(request)) {
        if (auto compressed = gzipped(body)) {
            response.set_header("Content-Encoding", "gzip");
            response.set_content(std::move(*compressed), kJsonType);
            return;
        }
    }
    response.set_content(std::move(body), kJsonType);
}

void answerError(httplib::Response& response, int status, const std::string& message) {
    response.status = status;
    response.set_content(encodeError(message), kJsonType);
}

// The kiosk behind a request, or nullopt with the refusal already written.
std::optional<HubKiosk> authenticate(HubStore& store, const httplib::Request& request, httplib::Response& response) {
    const std::string authorization = request.get_header_value("Authorization");
    const std::string prefix = "Bearer ";
    if (authorization.rfind(prefix, 0) != 0) {
        answerError(response, 401, "no credential: send Authorization: Bearer CREDENTIAL");
        return std::nullopt;
    }
    auto kiosk = store.authenticate(authorization.substr(prefix.size()));
    if (!kiosk) {
        answerError(response, 401, "this credential is unknown or revoked");
        return std::nullopt;
    }
    const std::string kioskId = request.get_header_value("X-Kiosk-Id");
    if (!isWireId(kioskId)) {
        answerError(response, 400, "X-Kiosk-Id is missing or not an id");
        return std::nullopt;
    }
    if (!store.bindKiosk(*kiosk, kioskId)) {
        answerError(response, 403, "this credential belongs to another kiosk");
        return std::nullopt;
    }
    return kiosk;
}

std::optional<std::int64_t> parameter(const httplib::Request& request, const char* name, std::int64_t fallback,
                                      std::int64_t min, std::int64_t max) {
    if (!request.has_param(name)) return fallback;
    const std::string text = request.get_param_value(name);
    if (text.empty() || text.size() > 19 || text.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
    const std::int64_t value = std::stoll(text);
    if (value < min || value > max) return std::nullopt;
    return value;
}

}  // namespace

HubServer::HubServer(HubConfig config) : config_(std::move(config)), pool_(std::make_unique<Pool>()) {
    pool_->databaseUrl = config_.databaseUrl;
}

HubServer::~HubServer() { stop(); }

bool HubServer::bind(std::string& error) {
    try {
        auto store = pool_->take();
        store->createSchema();
        pool_->giveBack(std::move(store));
    } catch (const std::exception& failure) {
        error = failure.what();
        return false;
    }
    if (config_.tls()) {
        auto tls = std::make_unique<httplib::SSLServer>(config_.tlsCert.c_str(), config_.tlsKey.c_str());
        if (!tls->is_valid()) {
            error = "the certificate (tls_cert) or its key (tls_key) cannot be loaded";
            return false;
        }
        server_ = std::move(tls);
    } else {
        if (!isLoopbackHost(config_.listenHost)) {
            error = "plain HTTP is served on a loopback address only: give tls_cert and tls_key";
            return false;
        }
        server_ = std::make_unique<httplib::Server>();
    }
    const int threads = config_.threads;
    server_->new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<std::size_t>(threads)); };
    server_->set_payload_max_length(kMaxPushBytes);
    server_->set_keep_alive_max_count(1000);

    Pool& pool = *pool_;
    // Runs a handler with a connection of its own; a database that fails answers 503 and the connection is dropped.
    auto withStore = [&pool](auto handler) {
        return [&pool, handler](const httplib::Request& request, httplib::Response& response) {
            std::unique_ptr<HubStore> store;
            try {
                store = pool.take();
                handler(*store, request, response);
                pool.giveBack(std::move(store));
            } catch (const std::exception& failure) {
                std::cerr << "village-hub: " << request.method << " " << request.path << ": " << failure.what() << "\n";
                answerError(response, 503, "the hub's database is unavailable, try again later");
            }
        };
    };

    server_->Get("/v1/health", [](const httplib::Request&, httplib::Response& response) {
        response.set_content("{\"ok\":true}", kJsonType);
    });
    server_->Post("/v1/push", withStore([](HubStore& store, const httplib::Request& request, httplib::Response& response) {
        std::string problem;
        const auto push = decodePush(request.body, problem);
        if (!push) return answerError(response, 400, "malformed push: " + problem);
        auto kiosk = authenticate(store, request, response);
        if (!kiosk) return;
        if (push->kioskId != *kiosk->boundKioskId)
            return answerError(response, 403, "a kiosk pushes only as itself: kiosk_id is not this credential's kiosk");
        answerJson(request, response, encodePushResponse(store.push(*kiosk, push->changes)));
    }));
    server_->Get("/v1/pull", withStore([](HubStore& store, const httplib::Request& request, httplib::Response& response) {
        const auto after = parameter(request, "after", 0, 0, std::numeric_limits<std::int64_t>::max());
        const auto limit = parameter(request, "limit", kDefaultPullLimit, 1, kMaxPullLimit);
        if (!after || !limit)
            return answerError(response, 400,
                               "after is a sequence number of 0 or more, limit from 1 to " + std::to_string(kMaxPullLimit));
        auto kiosk = authenticate(store, request, response);
        if (!kiosk) return;
        const auto answer = store.pull(*kiosk, *after, static_cast<int>(*limit));
        if (answer.refusal == storage::hub::PullRefusal::Forgotten)
            return answerError(response, 410, "deletions since this sequence number were forgotten: pull again from 0");
        answerJson(request, response, encodePullResponse(answer.response));
    }));

    if (config_.listenPort == 0) {
        port_ = server_->bind_to_any_port(config_.listenHost.c_str());
        if (port_ <= 0) {
            error = "cannot listen on " + config_.listenHost;
            return false;
        }
    } else {
        if (!server_->bind_to_port(config_.listenHost.c_str(), config_.listenPort)) {
            error = "cannot listen on " + config_.listenHost + ":" + std::to_string(config_.listenPort) +
                    " (in use, or not an address of this machine)";
            return false;
        }
        port_ = config_.listenPort;
    }
    return true;
}

void HubServer::serve() {
    if (server_) server_->listen_after_bind();
}

void HubServer::stop() {
    if (server_) server_->stop();
}

}  // namespace vk::net::hub
