#include "kiosk/services/audit_sentences.h"
#include "services/agenda/agenda_fixture.h"

using namespace vk;
using namespace vk::services;
using namespace vk::services::agenda;
using namespace vk::services::agenda::testing;

TEST_CASE("an event is added, shown in its week with the places left, and audited with its title", "[agenda][events]") {
    AgendaFixture f;
    const auto week = f.book.week(health::mondayOf(kToday));
    REQUIRE(week.size() == 1);
    CHECK(week.front().details.title == "Atelier numérique");
    CHECK(week.front().details.day == kFriday);
    CHECK(week.front().placesLeft() == 2);
    CHECK(f.book.week(health::addDays(health::mondayOf(kToday), 7)).empty());
    const auto lines = f.audit("agenda.add_event");
    REQUIRE(lines.size() == 1);
    CHECK_THAT(vk::services::auditSentence(lines.front()), Catch::StartsWith("Événement « Atelier numérique » ajouté, le "));
}

TEST_CASE("signing up takes a place and prints a ticket with its QR code, and a full event takes the waiting list",
          "[agenda][sign-up]") {
    AgendaFixture f;
    const SignUpResult anne = f.book.signUp(&f.kiosk(), f.member(kAnne, f.workshop));
    REQUIRE(anne.ok());
    CHECK_FALSE(anne.waiting);
    CHECK(anne.ticketPrinted);
    CHECK(anne.event->placesLeft() == 1);
    REQUIRE(f.printer.lastReceipts().size() == 1);
    const hardware::Receipt ticket = f.printer.lastReceipts().back();
    CHECK(ticket.kind == "agenda_ticket");
    bool qrWithCode = false;
    bool named = false;
    for (const auto& element : ticket.elements) {
        if (const auto* qr = std::get_if<hardware::QrCode>(&element))
            qrWithCode = qr->payload == "VK-AGENDA:" + anne.signUp->ticketCode;
        if (const auto* line = std::get_if<hardware::ReceiptLine>(&element))
            named |= line->text == "Pour Anne Martin";
    }
    CHECK(qrWithCode);
    CHECK(named);

    f.signedUp(f.member(kBruno, f.workshop));
    const SignUpResult chantal = f.book.signUp(&f.kiosk(), f.member(kChantal, f.workshop));
    REQUIRE(chantal.ok());
    CHECK(chantal.waiting);
    CHECK(chantal.waitingPosition == 1);
    CHECK_FALSE(chantal.ticketPrinted);  // no ticket for a place not held
    CHECK(chantal.event->placesLeft() == 0);
    CHECK(chantal.event->waiting == 1);
    CHECK(f.printer.lastReceipts().size() == 2);
    CHECK(f.audit("agenda.wait").size() == 1);
}

TEST_CASE("a place given back goes to the first on the waiting list, who is told by SMS through the outbox",
          "[agenda][waiting-list]") {
    AgendaFixture f;
    const SignUp anne = f.signedUp(f.member(kAnne, f.workshop));
    f.signedUp(f.member(kBruno, f.workshop));
    const SignUp denise = f.signedUp(f.member(f.denise, f.workshop));
    const SignUp chantal = f.signedUp(f.member(kChantal, f.workshop));
    CHECK(denise.state == SignUpState::Waiting);
    CHECK(chantal.state == SignUpState::Waiting);

    const CancelResult cancel = f.book.cancelSignUp(&f.kiosk(), anne.id);
    REQUIRE(cancel.ok());
    REQUIRE(cancel.promoted);
    CHECK(cancel.promoted->id == denise.id);  // the first to wait, not the last
    CHECK(cancel.promoted->state == SignUpState::Registered);
    CHECK(cancel.promotedTold);
    const auto messages = f.outbox();
    REQUIRE(messages.size() == 1);
    CHECK(messages.front().channel == storage::OutboxChannel::Sms);
    CHECK(messages.front().recipient == "0612345678");
    CHECK(messages.front().purpose == "agenda.promoted");
    CHECK(messages.front().body.find("Atelier numérique") != std::string::npos);
    CHECK(messages.front().body.find(denise.ticketCode) != std::string::npos);
    const auto event = f.book.event(f.workshop);
    CHECK(event->registered == 2);
    CHECK(event->waiting == 1);
    CHECK(f.audit("agenda.promote").size() == 1);

    SECTION("one who waits gives up: nobody moves, nobody is told") {
        REQUIRE(f.book.cancelSignUp(&f.kiosk(), chantal.id).ok());
        CHECK(f.book.event(f.workshop)->waiting == 0);
        CHECK(f.outbox().size() == 1);
    }
    SECTION("a place given back twice is refused the second time") {
        CHECK(f.book.cancelSignUp(&f.kiosk(), anne.id).error == AgendaError::NotActive);
        CHECK(f.book.event(f.workshop)->registered == 2);
    }
}

TEST_CASE("a double tap signs up once, and a member cannot take two places at one event", "[agenda][sign-up][bad-input]") {
    AgendaFixture f;
    const SignUpResult first = f.book.signUp(&f.kiosk(), f.member(kAnne, f.workshop, "tap-1"));
    const SignUpResult again = f.book.signUp(&f.kiosk(), f.member(kAnne, f.workshop, "tap-1"));
    REQUIRE(first.ok());
    REQUIRE(again.ok());
    CHECK(again.alreadyDone);
    CHECK(again.signUp->id == first.signUp->id);
    CHECK(f.printer.lastReceipts().size() == 1);
    const SignUpResult twice = f.book.signUp(&f.kiosk(), f.member(kAnne, f.workshop, "tap-2"));
    CHECK(twice.error == AgendaError::AlreadySignedUp);
    CHECK(f.count("SELECT count(*) FROM agenda_signup") == 1);
    CHECK(f.book.event(f.workshop)->placesLeft() == 1);
}

TEST_CASE("a cancelled event refuses sign-ups and tells those who had signed up", "[agenda][events][bad-input]") {
    AgendaFixture f;
    f.signedUp(f.member(f.denise, f.workshop));
    f.signedUp(f.member(kAnne, f.workshop));  // no phone nor e-mail: cannot be told
    SECTION("cancelled by the manager") {
        const EventChange cancel = f.book.cancelEvent(&f.manager, f.workshop);
        REQUIRE(cancel.ok());
        CHECK(cancel.told == 1);
        CHECK(cancel.event->cancelled());
        REQUIRE(f.outbox().size() == 1);
        CHECK(f.outbox().front().purpose == "agenda.event_cancelled");
        CHECK(f.book.signUp(&f.kiosk(), f.member(kBruno, f.workshop)).error == AgendaError::EventCancelled);
        CHECK(f.book.cancelEvent(&f.manager, f.workshop).error == AgendaError::EventCancelled);
        CHECK(f.book.editEvent(&f.manager, f.workshop, AgendaFixture::form("Autre", kFriday, "15:00", 5)).error ==
              AgendaError::EventCancelled);
    }
    SECTION("once started, an event takes nobody more and gives no place back") {
        f.setNow(kFriday, "14:30");
        CHECK(f.book.signUp(&f.kiosk(), f.member(kBruno, f.workshop)).error == AgendaError::EventPast);
        const auto anne = f.book.signUpOf(f.workshop, kAnne);
        REQUIRE(anne);
        CHECK(f.book.cancelSignUp(&f.kiosk(), anne->id).error == AgendaError::NotActive);
    }
    SECTION("an unknown event") {
        CHECK(f.book.signUp(&f.kiosk(), f.member(kBruno, "no-such-event")).error == AgendaError::EventUnknown);
    }
}

TEST_CASE("bad input is refused with a clear message and writes nothing: 10 kB title, control characters, bad phone",
          "[agenda][bad-input]") {
    AgendaFixture f;
    const int eventsBefore = f.count("SELECT count(*) FROM agenda_event");
    EventForm huge = AgendaFixture::form(std::string(10 * 1024, 'A'), kFriday, "18:00", 10);
    CHECK(f.book.addEvent(&f.manager, huge).error == AgendaError::TitleInvalid);
    CHECK(describeError(AgendaError::TitleInvalid) == "the title is empty or longer than 120 characters");
    CHECK(f.book.addEvent(&f.manager, AgendaFixture::form("   ", kFriday, "18:00", 10)).error == AgendaError::TitleInvalid);
    CHECK(f.book.addEvent(&f.manager, AgendaFixture::form("Quiz", "2030-02-30", "18:00", 10)).error ==
          AgendaError::DayInvalid);
    CHECK(f.book.addEvent(&f.manager, AgendaFixture::form("Quiz", kFriday, "25:00", 10)).error == AgendaError::TimeInvalid);
    EventForm backwards = AgendaFixture::form("Quiz", kFriday, "18:00", 10);
    backwards.endsAt = "17:00";
    CHECK(f.book.addEvent(&f.manager, backwards).error == AgendaError::EndInvalid);
    CHECK(f.book.addEvent(&f.manager, AgendaFixture::form("Quiz", kFriday, "18:00", -3)).error ==
          AgendaError::CapacityInvalid);
    EventForm pricey = AgendaFixture::form("Quiz", kFriday, "18:00", 10);
    pricey.priceCents = 100'000'000;
    CHECK(f.book.addEvent(&f.manager, pricey).error == AgendaError::PriceInvalid);
    CHECK(f.count("SELECT count(*) FROM agenda_event") == eventsBefore);

    // Control characters never reach the screen nor the printer; the line breaks of a description stay.
    EventForm escaped = AgendaFixture::form("Quiz\x1b[31m musical\x07", kFriday, "18:00", 10);
    escaped.description = "Par équipes.\nChansons\x08 françaises.";
    const EventChange clean = f.book.addEvent(&f.manager, escaped);
    REQUIRE(clean.ok());
    CHECK(clean.event->details.title.find('\x1b') == std::string::npos);
    CHECK(clean.event->details.title.find('\x07') == std::string::npos);
    CHECK(clean.event->details.description.find('\n') != std::string::npos);
    CHECK(clean.event->details.description.find('\x08') == std::string::npos);

    SignUpRequest someone;
    someone.eventId = f.workshop;
    someone.source = SignUpSource::Counter;
    someone.who.name = std::string(10 * 1024, 'n');
    CHECK(f.book.signUp(&f.manager, someone).error == AgendaError::NameInvalid);
    someone.who.name = "Gérard Blanc";
    someone.who.phone = "06 12 AB 56";
    CHECK(f.book.signUp(&f.manager, someone).error == AgendaError::PhoneInvalid);
    someone.who.phone.clear();
    someone.who.email = "gerard@@example";
    CHECK(f.book.signUp(&f.manager, someone).error == AgendaError::EmailInvalid);
    CHECK(f.book.signUp(&f.kiosk(), f.member("0190a000-0000-7000-8000-0000000000ff", f.workshop)).error ==
          AgendaError::MemberUnknown);
    CHECK(f.count("SELECT count(*) FROM agenda_signup") == 0);
}

TEST_CASE("someone without a card is signed up at the counter by name, with a phone for the reminder", "[agenda][sign-up]") {
    AgendaFixture f;
    SignUpRequest someone;
    someone.eventId = f.workshop;
    someone.source = SignUpSource::Counter;
    someone.who.name = "Gérard Blanc";
    someone.who.phone = "06.98.76.54.32";
    const SignUp gerard = f.signedUp(someone, &f.manager);
    CHECK(gerard.name == "Gérard Blanc");
    CHECK(gerard.phone == "0698765432");
    CHECK(gerard.source == SignUpSource::Counter);
    CHECK_FALSE(gerard.memberId);
}

TEST_CASE("the reminder goes the day before, after the reminder time, once, to those who gave a phone or e-mail",
          "[agenda][reminders]") {
    AgendaFixture f;
    f.signedUp(f.member(f.denise, f.workshop));
    f.signedUp(f.member(kAnne, f.workshop));
    f.setNow("2030-06-13", "09:59");
    CHECK(f.book.queueReminders() == 0);
    f.setNow("2030-06-13", "10:00");
    CHECK(f.book.queueReminders() == 1);
    CHECK(f.book.queueReminders() == 0);
    const auto messages = f.outbox();
    REQUIRE(messages.size() == 1);
    CHECK(messages.front().purpose == "agenda.reminder");
    CHECK(messages.front().recipient == "0612345678");
    CHECK(messages.front().body.find("demain") != std::string::npos);
    CHECK(f.count("SELECT count(*) FROM agenda_signup WHERE reminded_at IS NOT NULL") == 2);
}

TEST_CASE("more places for an event move its waiting list up, and fewer than signed up are refused",
          "[agenda][waiting-list]") {
    AgendaFixture f;
    f.signedUp(f.member(kAnne, f.workshop));
    f.signedUp(f.member(kBruno, f.workshop));
    const SignUp denise = f.signedUp(f.member(f.denise, f.workshop));
    REQUIRE(denise.state == SignUpState::Waiting);
    CHECK(f.book.editEvent(&f.manager, f.workshop, AgendaFixture::form("Atelier numérique", kFriday, "14:30", 1)).error ==
          AgendaError::CapacityBelowSignUps);
    const EventChange more = f.book.editEvent(&f.manager, f.workshop, AgendaFixture::form("Atelier numérique", kFriday, "14:30", 3));
    REQUIRE(more.ok());
    CHECK(more.event->registered == 3);
    CHECK(more.event->waiting == 0);
    CHECK(f.outbox().size() == 1);
}

TEST_CASE("sign-ups are counted for the impact report: places held in the range, not cancelled nor waiting",
          "[agenda][counts]") {
    AgendaFixture f;
    const std::string nextMonth = f.added(AgendaFixture::form("Quiz", "2030-07-05", "19:00", 0));
    const SignUp anne = f.signedUp(f.member(kAnne, f.workshop));
    f.signedUp(f.member(kBruno, f.workshop));
    f.signedUp(f.member(kChantal, f.workshop));  // waits
    f.signedUp(f.member(kAnne, nextMonth));
    REQUIRE(f.book.markAttended(&f.manager, "VK-AGENDA:" + anne.ticketCode).ok());
    CHECK(f.book.countSignUps("2030-06-01", "2030-06-30") == SignUpCounts{2, 1, 1});
    CHECK(f.book.countSignUps("2030-06-01", "2030-07-31") == SignUpCounts{3, 1, 2});
    REQUIRE(f.book.cancelEvent(&f.manager, nextMonth).ok());
    CHECK(f.book.countSignUps("2030-07-01", "2030-07-31") == SignUpCounts{0, 0, 0});
}

TEST_CASE("the kiosk signs up residents but manages no event, and a null actor does nothing", "[agenda][rights]") {
    AgendaFixture f;
    CHECK(f.book.addEvent(&f.kiosk(), AgendaFixture::form("Quiz", kFriday, "18:00", 10)).ok() == false);
    CHECK(f.book.addEvent(&f.assistant, AgendaFixture::form("Quiz", kFriday, "18:00", 10)).error ==
          AgendaError::NotAllowed);
    CHECK(f.book.addEvent(nullptr, AgendaFixture::form("Quiz", kFriday, "18:00", 10)).error == AgendaError::NotAllowed);
    CHECK(f.book.signUp(nullptr, f.member(kAnne, f.workshop)).error == AgendaError::NotAllowed);
    f.signedUp(f.member(kAnne, f.workshop));
    CHECK(f.book.signUpsOf(&f.kiosk(), f.workshop).empty());  // names are for staff
    CHECK(f.book.signUpsOf(&f.manager, f.workshop).size() == 1);
    CHECK_FALSE(f.audit("agenda.refused").empty());
}
