#include "kiosk/services/parcels/opening_calendar.h"
#include "kiosk/services/parcels/tracking_number.h"

#include <catch2/catch.hpp>

using namespace vk::services::parcels;

TEST_CASE("a UPU S10 number has its check digit verified, and a wrong one says mis-scan", "[parcels][tracking]") {
    CHECK(upuS10CheckDigit("12345678") == 5);
    CHECK(upuS10CheckDigit("00000000") == 5);  // 11 - 0 = 11 → 5
    const TrackingCheck good = checkTrackingNumber("RA123456785FR");
    CHECK(good.problem == TrackingProblem::None);
    CHECK(good.upuS10);
    CHECK(checkTrackingNumber("RA123456784FR").problem == TrackingProblem::MisScan);
    // An S10 number belongs to several carriers: the kiosk asks.
    CHECK(good.carrierCode.empty());
}

TEST_CASE("a typed number loses its spaces and takes capitals, and a scanner's Enter is not part of it",
          "[parcels][tracking]") {
    const TrackingCheck typed = checkTrackingNumber(" ra 1234 5678 5fr ");
    CHECK(typed.problem == TrackingProblem::None);
    CHECK(typed.normalized == "RA123456785FR");
    CHECK(checkTrackingNumber("RA123456785FR\r\n").normalized == "RA123456785FR");
}

TEST_CASE("the carrier is recognised only from formats that belong to one carrier", "[parcels][tracking]") {
    CHECK(checkTrackingNumber("6A12345678901").carrierCode == "colissimo");
    CHECK(checkTrackingNumber("Z1234567890").carrierCode == "packeta");
    CHECK(checkTrackingNumber("09445440123456").carrierCode == "dpd");
    CHECK(checkTrackingNumber("12345678").carrierCode.empty());  // eight digits: several carriers use them
}

TEST_CASE("a garbled scan, a 500-character number and an empty one are refused with their reason",
          "[parcels][tracking][bad-input]") {
    CHECK(checkTrackingNumber(std::string(500, '7')).problem == TrackingProblem::TooLong);
    CHECK(checkTrackingNumber(std::string(41, 'A')).problem == TrackingProblem::TooLong);
    CHECK(checkTrackingNumber("\x1b[2J\x02" "123456").problem == TrackingProblem::Unreadable);
    CHECK(checkTrackingNumber("12\xC3\xA9" "3456").problem == TrackingProblem::Unreadable);
    CHECK(checkTrackingNumber("   ").problem == TrackingProblem::Empty);
    CHECK(checkTrackingNumber("12").problem == TrackingProblem::TooShort);
}

TEST_CASE("a deadline counts calendar or opening days and never falls on a closed day", "[parcels][calendar]") {
    // Closed on Sunday and Monday, and on 14 July.
    const OpeningCalendar calendar({"tue", "wed", "thu", "fri", "sat"}, {"2030-07-14", "2030-07-16"});
    using vk::storage::HoldBasis;
    // Wednesday 12 June + 5 calendar days = Monday 17: closed, so Tuesday 18.
    CHECK(calendar.deadline("2030-06-12", 5, HoldBasis::CalendarDays) == "2030-06-18");
    // + 3 calendar days = Saturday 15, open.
    CHECK(calendar.deadline("2030-06-12", 3, HoldBasis::CalendarDays) == "2030-06-15");
    // 5 opening days from Wednesday 12: Thu, Fri, Sat, Tue, Wed.
    CHECK(calendar.deadline("2030-06-12", 5, HoldBasis::OpeningDays) == "2030-06-19");
    // A closure in the middle is skipped too: from Saturday 13 July, Tue 16 closed: Wed 17, Thu 18.
    CHECK(calendar.deadline("2030-07-13", 2, HoldBasis::OpeningDays) == "2030-07-18");
    CHECK_FALSE(calendar.isOpen("2030-07-14"));
    // No opening day at all is a mistake in the file: every day then counts.
    const OpeningCalendar never({}, {});
    CHECK(never.deadline("2030-06-12", 5, HoldBasis::CalendarDays) == "2030-06-17");
}
