#include "storage/time_bank_store.h"

#include <catch2/catch.hpp>

#include <SQLiteCpp/Exception.h>

#include <string>

using vk::storage::Database;
using vk::storage::NewTimeBankTransfer;
using vk::storage::TimeBankStore;

namespace {

constexpr std::int64_t kNow = 1'790'000'000'000;

NewTimeBankTransfer gardening(const std::string& key, int minutes = 90) {
    NewTimeBankTransfer transfer;
    transfer.idempotencyKey = key;
    transfer.payerMemberId = "member-anne";
    transfer.providerMemberId = "member-bruno";
    transfer.minutes = minutes;
    transfer.what = "Taille de la haie";
    transfer.category = "garden";
    return transfer;
}

std::string recordOne(TimeBankStore& store) {
    std::string id;
    store.inTransaction([&] { id = store.insert(gardening("key-1"), kNow).id; });
    return id;
}

}  // namespace

TEST_CASE("a stored transfer is two movements that sum to zero, and the cached balances follow",
          "[storage][timebank]") {
    Database db = Database::openInMemory();
    TimeBankStore store(db);
    const std::string id = recordOne(store);
    const auto movements = store.movementsOf(id);
    REQUIRE(movements.size() == 2);
    CHECK(movements[0].memberId == "member-anne");
    CHECK(movements[0].minutes == -90);
    CHECK(movements[1].memberId == "member-bruno");
    CHECK(movements[1].minutes == 90);
    CHECK(store.balance("member-anne") == -90);
    CHECK(store.balance("member-bruno") == 90);
    CHECK(store.derivedBalance("member-bruno", kNow + 1) == 90);
    CHECK(store.check().sound());
    const auto transfer = store.find(id);
    REQUIRE(transfer);
    CHECK(transfer->originKiosk == db.kioskId());
    CHECK(db.sql().execAndGet("SELECT updated_at = created_at FROM time_bank_transfer").getInt() == 1);
}

TEST_CASE("the database refuses to change or delete a movement or a transfer", "[storage][timebank]") {
    Database db = Database::openInMemory();
    TimeBankStore store(db);
    const std::string id = recordOne(store);
    CHECK_THROWS_WITH(db.sql().exec("UPDATE time_bank_movement SET minutes = 600"),
                      Catch::Contains("never changed"));
    CHECK_THROWS_WITH(db.sql().exec("DELETE FROM time_bank_movement"), Catch::Contains("never deleted"));
    CHECK_THROWS_WITH(db.sql().exec("UPDATE time_bank_transfer SET what = 'autre chose'"),
                      Catch::Contains("never changed"));
    CHECK_THROWS_WITH(db.sql().exec("DELETE FROM time_bank_transfer"), Catch::Contains("never deleted"));
    CHECK(store.movementsOf(id).size() == 2);
    CHECK(store.balance("member-bruno") == 90);
}

TEST_CASE("the same idempotency key cannot be stored twice, and nothing of the second attempt stays",
          "[storage][timebank]") {
    Database db = Database::openInMemory();
    TimeBankStore store(db);
    recordOne(store);
    CHECK_THROWS_AS(store.inTransaction([&] { store.insert(gardening("key-1", 30), kNow + 5); }), SQLite::Exception);
    CHECK(db.sql().execAndGet("SELECT count(*) FROM time_bank_movement").getInt() == 2);
    CHECK(store.balance("member-bruno") == 90);
}

TEST_CASE("the schema refuses a transfer to oneself and zero minutes", "[storage][timebank][bad-input]") {
    Database db = Database::openInMemory();
    TimeBankStore store(db);
    auto self = gardening("key-self");
    self.providerMemberId = self.payerMemberId;
    CHECK_THROWS_AS(store.inTransaction([&] { store.insert(self, kNow); }), SQLite::Exception);
    CHECK_THROWS_AS(store.inTransaction([&] { store.insert(gardening("key-zero", 0), kNow); }), SQLite::Exception);
    CHECK(store.balances().empty());
}

TEST_CASE("the ledger check finds a cached balance that is not the sum of the movements", "[storage][timebank]") {
    Database db = Database::openInMemory();
    TimeBankStore store(db);
    recordOne(store);
    db.sql().exec("UPDATE time_bank_balance SET balance_minutes = 1000 WHERE member_id = 'member-bruno'");
    const auto check = store.check();
    CHECK_FALSE(check.sound());
    REQUIRE(check.mismatches.size() == 1);
    CHECK(check.mismatches[0].memberId == "member-bruno");
    CHECK(check.mismatches[0].cachedMinutes == 1000);
    CHECK(check.mismatches[0].derivedMinutes == 90);
}

TEST_CASE("category totals count a correction against its category", "[storage][timebank]") {
    Database db = Database::openInMemory();
    TimeBankStore store(db);
    const std::string id = recordOne(store);
    store.inTransaction([&] { store.insert(gardening("key-2", 30), kNow + 1000); });
    store.inTransaction([&] {
        auto back = gardening("key-3");
        std::swap(back.payerMemberId, back.providerMemberId);
        back.correctsTransferId = id;
        store.insert(back, kNow + 2000);
    });
    const auto totals = store.categoryTotals(kNow, kNow + 3000);
    REQUIRE(totals.size() == 1);
    CHECK(totals[0].minutes == 30);
    CHECK(totals[0].exchanges == 1);
    CHECK(store.correctionOf(id));
    CHECK(store.check().sound());
    // A transfer is corrected once.
    CHECK_THROWS_AS(store.inTransaction([&] {
        auto again = gardening("key-4");
        again.correctsTransferId = id;
        store.insert(again, kNow + 4000);
    }),
                    SQLite::Exception);
}
