#include "kiosk/cli/outbox_commands.h"

#include "kiosk/services/kiosk_runtime.h"
#include "kiosk/services/notifications/notifications_area.h"

#include <nlohmann/json.hpp>

#include <ctime>
#include <ostream>

namespace vk::cli {
namespace {

using services::notifications::DispatchReport;
using services::notifications::NotificationServices;
using storage::OutboxChannel;
using storage::OutboxMessage;

const services::StaffSession& commandLine() { return services::systemActor(services::SystemActor::CommandLine); }

std::string utcTime(std::int64_t ms) {
    const std::time_t seconds = static_cast<std::time_t>(ms / 1000);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

nlohmann::json messageJson(const OutboxMessage& message) {
    nlohmann::json json{{"id", message.id},
                        {"channel", storage::channelKey(message.channel)},
                        {"recipient", message.recipient},
                        {"purpose", message.purpose},
                        {"state", storage::stateKey(message.state)},
                        {"attempts", message.attempts},
                        {"created_at", message.createdAt},
                        {"next_attempt_at", message.nextAttemptAt},
                        {"last_error", message.lastError}};
    json["sent_at"] = message.sentAt ? nlohmann::json(*message.sentAt) : nlohmann::json(nullptr);
    if (!message.relatedId.empty()) json["related_id"] = message.relatedId;
    return json;
}

void printChannelProblems(NotificationServices& notifications, std::ostream& err) {
    if (notifications.channelProblem(OutboxChannel::Email)) {
        const std::string detail = notifications.channelDetail(OutboxChannel::Email);
        err << "village-kiosk: e-mail is not sent: "
            << (detail.empty() ? "[notifications.email] smtp_url and from are not set" : detail) << "\n";
    }
    if (notifications.channelProblem(OutboxChannel::Sms))
        err << "village-kiosk: SMS are not sent: [notifications.sms] url is not set\n";
}

int list(NotificationServices& notifications, const CommandArguments& arguments, std::ostream& out,
         std::ostream& err) {
    int limit = 50;
    if (const auto text = arguments.option("limit")) {
        try {
            limit = std::stoi(*text);
        } catch (const std::exception&) {
            limit = 0;
        }
        if (limit < 1 || limit > 10000) {
            err << "village-kiosk: --limit takes a number from 1 to 10000\n";
            return 2;
        }
    }
    const auto messages = notifications.recent(limit);
    const storage::OutboxCounts counts = notifications.counts();
    if (arguments.json()) {
        nlohmann::json json{{"messages", nlohmann::json::array()},
                            {"counts",
                             {{"pending", counts.pending},
                              {"sending", counts.sending},
                              {"sent", counts.sent},
                              {"failed", counts.failed},
                              {"cancelled", counts.cancelled}}}};
        for (const auto& message : messages) json["messages"].push_back(messageJson(message));
        out << json.dump() << "\n";
        printChannelProblems(notifications, err);
        return 0;
    }
    out << counts.pending << " pending, " << counts.sending << " sending, " << counts.sent << " sent, "
        << counts.failed << " failed, " << counts.cancelled << " cancelled\n";
    for (const auto& message : messages) {
        out << message.id << "  " << storage::channelKey(message.channel) << "  " << storage::stateKey(message.state)
            << "  tries " << message.attempts << "  " << message.purpose << "  " << message.recipient;
        if (message.state == storage::OutboxState::Pending) out << "  next " << utcTime(message.nextAttemptAt);
        if (message.sentAt) out << "  sent " << utcTime(*message.sentAt);
        if (!message.lastError.empty()) out << "  (" << message.lastError << ")";
        out << "\n";
    }
    printChannelProblems(notifications, err);
    return 0;
}

int send(services::KioskRuntime& runtime, NotificationServices& notifications, const CommandArguments& arguments,
         std::ostream& out, std::ostream& err) {
    const DispatchReport report = notifications.sendDueNow();
    const storage::OutboxCounts counts = notifications.counts();
    runtime.staff.audit(&commandLine(), "notifications.send",
                        {{"sent", std::to_string(report.sent)},
                         {"retrying", std::to_string(report.retrying)},
                         {"failed", std::to_string(report.failed)}});
    const int notDelivered = report.retrying + report.failed;
    if (arguments.json()) {
        nlohmann::json json{{"sent", report.sent},
                            {"retrying", report.retrying},
                            {"failed", report.failed},
                            {"still_pending", counts.pending},
                            {"messages", nlohmann::json::array()}};
        for (const auto& message : report.messages) {
            nlohmann::json item{{"id", message.id},
                                {"channel", storage::channelKey(message.channel)},
                                {"state", storage::stateKey(message.state)},
                                {"attempts", message.attempts},
                                {"error", message.error}};
            if (message.state == storage::OutboxState::Pending) item["next_attempt_at"] = message.nextAttemptAt;
            json["messages"].push_back(item);
        }
        out << json.dump() << "\n";
    } else {
        for (const auto& message : report.messages) {
            out << message.id << "  " << storage::channelKey(message.channel) << "  ";
            if (message.state == storage::OutboxState::Sent) out << "sent";
            else if (message.state == storage::OutboxState::Failed) out << "failed: " << message.error;
            else out << "not sent, next try " << utcTime(message.nextAttemptAt) << ": " << message.error;
            out << "\n";
        }
        out << report.sent << " sent, " << notDelivered << " failed (" << report.failed << " given up), "
            << counts.pending << " still pending\n";
    }
    printChannelProblems(notifications, err);
    return notDelivered > 0 ? 1 : 0;
}

}  // namespace

int runOutboxCommand(services::KioskRuntime& runtime, const CommandArguments& arguments, std::istream& in,
                     std::ostream& out, std::ostream& err) {
    (void)in;
    auto& notifications = runtime.area<NotificationServices>();
    const std::string action = arguments.action();
    if (action == "list") return list(notifications, arguments, out, err);
    if (action == "send") return send(runtime, notifications, arguments, out, err);
    if (action == "retry" || action == "cancel") {
        if (arguments.positional.size() != 2) {
            err << "village-kiosk: outbox " << action << " takes one message id (see: village-kiosk outbox list)\n";
            return 2;
        }
        const std::string& id = arguments.positional[1];
        const bool done = action == "retry" ? notifications.retryNow(&commandLine(), id)
                                            : notifications.cancel(&commandLine(), id);
        if (!done) {
            err << "village-kiosk: no pending or failed message " << id << " (see: village-kiosk outbox list)\n";
            return 1;
        }
        if (arguments.json()) out << nlohmann::json{{"id", id}, {"done", action}}.dump() << "\n";
        else out << id << ": " << (action == "retry" ? "due now" : "cancelled") << "\n";
        return 0;
    }
    err << "village-kiosk: outbox takes list, send, retry ID or cancel ID\n";
    return 2;
}

AreaCommand outboxCommand() {
    return {"outbox",
            "  village-kiosk outbox list [--limit N] [--json]     messages to residents, latest first\n"
            "  village-kiosk outbox send [--json]                 sends what is due now; exit 1 when one failed\n"
            "  village-kiosk outbox retry ID | cancel ID          a pending or failed message: due now, or never\n",
            {},
            &runOutboxCommand};
}

}  // namespace vk::cli
