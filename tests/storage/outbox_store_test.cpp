#include "storage/outbox_store.h"
#include "storage/retention.h"

#include <catch2/catch.hpp>

#include <SQLiteCpp/Transaction.h>

#include <algorithm>
#include <stdexcept>

using vk::storage::Database;
using vk::storage::OutboxChannel;
using vk::storage::OutboxStore;
using vk::storage::OutgoingMessage;

namespace {

OutgoingMessage arrivalBySms() {
    OutgoingMessage message;
    message.channel = OutboxChannel::Sms;
    message.recipient = "+33612345678";
    message.body = "Votre colis vous attend au Café de la Place. Code : K7M4";
    message.purpose = "parcel.arrival";
    message.relatedId = "parcel-1";
    message.dedupeKey = "parcel:parcel-1:arrival:sms";
    return message;
}

int pending(Database& db) {
    return db.sql().execAndGet("SELECT count(*) FROM outbox_message WHERE state = 'pending'").getInt();
}

}  // namespace

TEST_CASE("a message is queued once for one dedupe key, due at once", "[storage][outbox]") {
    Database db = Database::openInMemory();
    OutboxStore outbox(db);
    const auto first = outbox.enqueue(arrivalBySms(), 1'000);
    REQUIRE(first);
    CHECK_FALSE(outbox.enqueue(arrivalBySms(), 2'000));
    CHECK(pending(db) == 1);
    CHECK(db.sql().execAndGet("SELECT next_attempt_at FROM outbox_message").getInt64() == 1'000);
    // Without a key, each call is its own message.
    OutgoingMessage note = arrivalBySms();
    note.dedupeKey.clear();
    CHECK(outbox.enqueue(note, 3'000));
    CHECK(outbox.enqueue(note, 3'000));
    CHECK(pending(db) == 3);
}

TEST_CASE("a message rolled back with the change that caused it is not sent", "[storage][outbox]") {
    Database db = Database::openInMemory();
    OutboxStore outbox(db);
    {
        SQLite::Transaction transaction(db.sql());
        REQUIRE(outbox.enqueue(arrivalBySms(), 1'000));
        // No commit: the intake failed after the message was queued.
    }
    CHECK(pending(db) == 0);
}

TEST_CASE("a recipient or subject that could add a mail header is refused", "[storage][outbox][bad-input]") {
    Database db = Database::openInMemory();
    OutboxStore outbox(db);
    OutgoingMessage message = arrivalBySms();
    message.channel = OutboxChannel::Email;
    message.recipient = "marie@example.org\r\nBcc: everyone@example.org";
    CHECK_THROWS_AS(outbox.enqueue(message, 1'000), std::invalid_argument);
    message.recipient = "marie@example.org";
    message.subject = "Colis\nBcc: x@example.org";
    CHECK_THROWS_AS(outbox.enqueue(message, 1'000), std::invalid_argument);
    message.subject = "Votre colis";
    message.body.clear();
    CHECK_THROWS_AS(outbox.enqueue(message, 1'000), std::invalid_argument);
    CHECK(pending(db) == 0);
}

TEST_CASE("a claimed message left sending by a kill is pending again at start-up, same id, tries counted",
          "[storage][outbox]") {
    Database db = Database::openInMemory();
    OutboxStore outbox(db);
    const std::string id = *outbox.enqueue(arrivalBySms(), 1'000);
    const auto claimed = outbox.claim(id, 1'000);
    REQUIRE(claimed);
    CHECK(claimed->state == vk::storage::OutboxState::Sending);
    CHECK(claimed->attempts == 1);
    CHECK_FALSE(outbox.claim(id, 1'000));  // a second sender does not get it
    CHECK(outbox.due(1'000, 10).empty());
    // The process dies here. The next start:
    CHECK(outbox.requeueInterrupted(5'000) == 1);
    const auto due = outbox.due(5'000, 10);
    REQUIRE(due.size() == 1);
    CHECK(due[0].id == id);
    CHECK(due[0].attempts == 1);
    CHECK(outbox.claim(id, 5'000)->attempts == 2);
}

TEST_CASE("failed tries wait 1, 2, 4 minutes and so on, never more than an hour", "[storage][outbox]") {
    const vk::storage::OutboxRetryPolicy policy;
    CHECK(policy.backoffMs(1) == 60'000);
    CHECK(policy.backoffMs(2) == 120'000);
    CHECK(policy.backoffMs(3) == 240'000);
    CHECK(policy.backoffMs(7) == 3'600'000);
    CHECK(policy.backoffMs(500) == 3'600'000);

    Database db = Database::openInMemory();
    OutboxStore outbox(db);
    const std::string id = *outbox.enqueue(arrivalBySms(), 0);
    std::int64_t now = 0;
    for (int attempt = 1; attempt <= 3; ++attempt) {
        REQUIRE(outbox.claim(id, now));
        CHECK(outbox.markFailedTry(id, vk::storage::DeliveryFailure::Transient, "no network", now, policy) ==
              vk::storage::OutboxState::Pending);
        const auto message = outbox.find(id);
        CHECK(message->nextAttemptAt == now + policy.backoffMs(attempt));
        CHECK(message->lastError == "no network");
        CHECK_FALSE(outbox.claim(id, message->nextAttemptAt - 1));  // not before it is due
        now = message->nextAttemptAt;
    }
    REQUIRE(outbox.claim(id, now));
    // The far end asked for a wait: it wins over the backoff, within the hour.
    outbox.markFailedTry(id, vk::storage::DeliveryFailure::Transient, "429", now, policy, 5'000);
    CHECK(outbox.find(id)->nextAttemptAt == now + 5'000);
    REQUIRE(outbox.claim(id, now + 5'000));
    outbox.markFailedTry(id, vk::storage::DeliveryFailure::Transient, "429", now, policy, 86'400'000);
    CHECK(outbox.find(id)->nextAttemptAt == now + 3'600'000);
}

TEST_CASE("a permanent refusal fails the message at the third try, and staff can try it again or cancel it",
          "[storage][outbox]") {
    Database db = Database::openInMemory();
    OutboxStore outbox(db);
    const vk::storage::OutboxRetryPolicy policy;
    const std::string id = *outbox.enqueue(arrivalBySms(), 0);
    std::int64_t now = 0;
    vk::storage::OutboxState state = vk::storage::OutboxState::Pending;
    for (int attempt = 1; attempt <= 3; ++attempt) {
        REQUIRE(outbox.claim(id, now));
        state = outbox.markFailedTry(id, vk::storage::DeliveryFailure::Permanent, "HTTP 400", now, policy);
        now += 3'600'000;
    }
    CHECK(state == vk::storage::OutboxState::Failed);
    CHECK(outbox.due(now, 10).empty());
    CHECK(outbox.counts().failed == 1);

    CHECK(outbox.retryNow(id, now));
    const auto again = outbox.find(id);
    CHECK(again->state == vk::storage::OutboxState::Pending);
    CHECK(again->attempts == 0);
    CHECK(outbox.due(now, 10).size() == 1);

    CHECK(outbox.cancel(id, now));
    CHECK(outbox.due(now, 10).empty());
    CHECK_FALSE(outbox.retryNow(id, now));  // a cancelled message stays cancelled
    CHECK(outbox.counts() == vk::storage::OutboxCounts{0, 0, 0, 0, 1});
}

TEST_CASE("a sent message is not sent again and is listed first among the recent", "[storage][outbox]") {
    Database db = Database::openInMemory();
    OutboxStore outbox(db);
    OutgoingMessage older = arrivalBySms();
    older.dedupeKey = "a";
    OutgoingMessage newer = arrivalBySms();
    newer.dedupeKey = "b";
    const std::string first = *outbox.enqueue(older, 1'000);
    const std::string second = *outbox.enqueue(newer, 2'000);
    REQUIRE(outbox.claim(second, 2'000));
    outbox.markSent(second, 2'500);
    CHECK_FALSE(outbox.cancel(second, 3'000));
    CHECK(outbox.due(10'000, 10).size() == 1);
    CHECK(outbox.nextAttemptAt() == 1'000);
    CHECK(outbox.nextAttemptAt(OutboxChannel::Email) == std::nullopt);
    const auto recent = outbox.recent(10);
    REQUIRE(recent.size() == 2);
    CHECK(recent[0].id == second);
    CHECK(recent[0].sentAt == 2'500);
    CHECK(recent[1].id == first);
}

TEST_CASE("old sent, failed and cancelled messages are purged, a waiting one never is",
          "[storage][outbox][retention]") {
    constexpr std::int64_t kDay = 24LL * 60 * 60 * 1000;
    Database db = Database::openInMemory();
    OutboxStore outbox(db);
    const auto queue = [&](const char* key) {
        OutgoingMessage message = arrivalBySms();
        message.dedupeKey = key;
        return *outbox.enqueue(message, 0);
    };
    const std::string sent = queue("sent");
    const std::string cancelled = queue("cancelled");
    const std::string waiting = queue("waiting");
    outbox.claim(sent, 0);
    outbox.markSent(sent, 1);
    outbox.cancel(cancelled, 1);
    const auto reports = vk::storage::purgeExpired(db, {{"outbox_days", 30}}, 31 * kDay);
    CHECK_FALSE(outbox.find(sent));
    CHECK_FALSE(outbox.find(cancelled));
    CHECK(outbox.find(waiting));
    const auto report =
        std::find_if(reports.begin(), reports.end(), [](const auto& r) { return r.key == "outbox_days"; });
    REQUIRE(report != reports.end());
    CHECK(report->rowsDeleted == 2);
}
