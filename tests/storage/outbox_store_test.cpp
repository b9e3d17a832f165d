#include "storage/outbox_store.h"

#include <catch2/catch.hpp>

#include <SQLiteCpp/Transaction.h>

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
