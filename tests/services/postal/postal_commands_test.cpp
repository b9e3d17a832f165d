// `village-kiosk postal …` called as main() calls it, with string streams.

#include "kiosk/cli/postal_commands.h"
#include "kiosk/services/kiosk_runtime.h"
#include "kiosk/services/postal/postal_area.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <sstream>

using namespace vk;

namespace {

services::KioskRuntime makeRuntime() {
    services::KioskConfig config;
    config.demoData = false;
    return services::KioskRuntime(config, services::RuntimeOptions{true, services::PinHasher::Strength::FastForTests, nullptr});
}

struct Run {
    int code = 0;
    std::string out;
    std::string err;
};

Run run(services::KioskRuntime& runtime, const std::vector<std::string>& arguments) {
    std::istringstream in;
    std::ostringstream out;
    std::ostringstream err;
    const auto parsed = cli::parseCommandArguments(arguments, cli::kPostalCommand.flags);
    const int code = cli::runPostalCommand(runtime, parsed, in, out, err);
    return {code, out.str(), err.str()};
}

struct FixedCod : services::postal::CashOnDeliverySource {
    std::int64_t codCollectedCents(std::string_view) override { return 2350; }
};

}  // namespace

TEST_CASE("postal close-day --json closes today and prints the report as one JSON object", "[postal][cli]") {
    auto runtime = makeRuntime();
    auto& postal = runtime.area<services::postal::PostalServices>();
    FixedCod cod;
    postal.setCashOnDeliverySource(&cod);
    const auto verte = postal.counter.itemByCode("lettre_verte");
    REQUIRE(verte);
    services::postal::SaleRequest request;
    request.lines = {{verte->id, 2}};
    request.method = storage::PaymentMethod::Card;
    REQUIRE(postal.counter.sell(&services::systemActor(services::SystemActor::CommandLine), request).ok());

    const Run closed = run(runtime, {"close-day", "--json"});
    REQUIRE(closed.code == 0);
    const auto report = nlohmann::json::parse(closed.out);
    CHECK(report["day"] == postal.counter.today());
    CHECK(report["closed"] == true);
    CHECK(report["total_cents"] == 304);
    CHECK(report["cod_cents"] == 2350);
    CHECK(report["payment_methods"]["card"]["total_cents"] == 304);
    CHECK(report["items"][0]["quantity"] == 2);
    CHECK(runtime.staff.recentAudit(1).front().action == "postal.close_day");
    CHECK(runtime.staff.recentAudit(1).front().actorName == "command line");

    // Closing again says so and changes nothing.
    const Run again = run(runtime, {"close-day"});
    CHECK(again.code == 1);
    CHECK_THAT(again.err, Catch::Contains("already closed"));
    CHECK(postal.counter.sell(&services::systemActor(services::SystemActor::CommandLine), request).error ==
          services::postal::PostalError::DayClosed);
}

TEST_CASE("postal sales and postal catalogue list what the counter holds", "[postal][cli]") {
    auto runtime = makeRuntime();
    const Run catalogue = run(runtime, {"catalogue", "--json"});
    REQUIRE(catalogue.code == 0);
    const auto items = nlohmann::json::parse(catalogue.out)["items"];
    REQUIRE(items.size() == 7);
    CHECK(items[0]["code"] == "lettre_verte");
    CHECK(items[0]["price_today_cents"] == 152);
    const Run text = run(runtime, {"catalogue"});
    CHECK_THAT(text.out, Catch::Contains("Lettre verte 20\u00a0g  1,52 €"));

    const Run sales = run(runtime, {"sales", "--json"});
    REQUIRE(sales.code == 0);
    CHECK(nlohmann::json::parse(sales.out)["sale_list"].empty());
}

TEST_CASE("postal close-day with a day that is no date, a future day or no command is refused", "[postal][cli][bad-input]") {
    auto runtime = makeRuntime();
    const Run garbled = run(runtime, {"close-day", "--day", "32/13/2030\x07"});
    CHECK(garbled.code == 1);
    CHECK_THAT(garbled.err, Catch::Contains("not a date"));
    const Run future = run(runtime, {"close-day", "--day", "2999-01-01"});
    CHECK(future.code == 1);
    CHECK_THAT(future.err, Catch::Contains("once it has begun"));
    CHECK(run(runtime, {}).code == 2);
    CHECK(run(runtime, {"refund"}).code == 2);
    CHECK(run(runtime, {"close-day", "--day"}).code == 2);
    CHECK(runtime.area<services::postal::PostalServices>().counter.recentClosings().empty());
}
