#include "kiosk/services/audit_sentences.h"
#include "services/health/health_fixture.h"

#include "kiosk/services/user_text.h"
#include "storage/retention.h"

#include <set>

using namespace vk::services;
using namespace vk::services::health;
using namespace vk::services::health::testing;
using namespace std::string_literals;

namespace {

std::optional<Appointment> findBySurname(HealthFixture& f, const std::string& surname) {
    for (const Appointment& a : f.book.day(kDay))
        if (a.surname == surname) return a;
    for (const Appointment& a : f.book.day("2030-06-13"))
        if (a.surname == surname) return a;
    return std::nullopt;
}

std::vector<int> problemLines(const ImportReport& report) {
    std::vector<int> lines;
    for (const ImportProblem& problem : report.problems) lines.push_back(problem.line);
    return lines;
}

const std::string kSemicolonExport =
    "\xEF\xBB\xBF" "Date;Heure;Nom;Prénom;Date de naissance;Téléphone;Code\r\n"
    "2030-06-12;09:00;Lefèvre-Dupont;Marie;01/02/1950;06 12 34 56 78;\r\n"
    "12/06/2030;09:15;\"Martin; dit \"\"Jojo\"\"\";Jean;1944-07-14;;ab12cd\r\n"
    "2030-06-12;09:30;\"Le Gall\r\nde Kerdrel\";Yann;1960-03-03;;\r\n"
    "2030-06-13;10:00;Bernard;Léo;2015-03-03;0600000000;\r\n";

}  // namespace

TEST_CASE("an appointment without a code gets one nobody can misread, unique among live ones", "[health][book]") {
    HealthFixture f;
    std::set<std::string> codes;
    for (int i = 0; i < 200; ++i) {
        const Appointment a = f.add("10:00", "Patient", std::to_string(i), "");
        REQUIRE(a.code);
        CHECK(a.code->size() == 6);
        CHECK(a.code->find_first_not_of("346789ACDEFGHJKMNPQRTUVWXY") == std::string::npos);
        codes.insert(*a.code);
    }
    CHECK(codes.size() == 200);
}

TEST_CASE("a given code is normalised, and refused when taken or malformed", "[health][book]") {
    HealthFixture f;
    const Appointment a = f.add("10:00", "Petit", "Rose", "", kDay, "ab-12 cd");
    CHECK(a.code == "AB12CD");
    CHECK(f.book.add(&f.assistant, {kDay, "10:15", "Roux", "", "", "", "AB12CD"}).error == HealthError::CodeInUse);
    CHECK(f.book.add(&f.assistant, {kDay, "10:15", "Roux", "", "", "", "a!"}).error == HealthError::CodeInvalid);
    CHECK(f.book.add(&f.assistant, {kDay, "10:15", "Roux", "", "", "", std::string(17, 'A')}).error ==
          HealthError::CodeInvalid);
}

TEST_CASE("what staff type is checked before anything is stored", "[health][book]") {
    HealthFixture f;
    const auto error = [&](AppointmentInput input) { return f.book.add(&f.assistant, input).error; };
    CHECK(error({kDay, "10:00", " - ' ", "", "", "", ""}) == HealthError::NameInvalid);
    CHECK(error({"31/02/2030", "10:00", "Roux", "", "", "", ""}) == HealthError::DateInvalid);
    CHECK(error({"2030-6-12x", "10:00", "Roux", "", "", "", ""}) == HealthError::DateInvalid);
    CHECK(error({kDay, "25:00", "Roux", "", "", "", ""}) == HealthError::TimeInvalid);
    CHECK(error({kDay, "10:60", "Roux", "", "", "", ""}) == HealthError::TimeInvalid);
    CHECK(error({kDay, "10:00", "Roux", "", "2030-06-13", "", ""}) == HealthError::BirthDateInvalid);
    CHECK(error({kDay, "10:00", "Roux", "", "1899-12-31", "", ""}) == HealthError::BirthDateInvalid);
    CHECK(f.count("SELECT count(*) FROM appointment") == 0);
    CHECK(error({"29/02/2032", "7h05", "Roux", "", "29/02/2000", "", ""}) == HealthError::None);
}

TEST_CASE("times are the kiosk's local time, stored as ms UTC", "[health][book]") {
    HealthFixture f;
    const Appointment iso = f.add("10:30", "Roux", "Hugo", "1971-06-06");
    const Appointment french = f.add("10:30", "Petit", "Rose", "05/05/1970", "12/06/2030");
    CHECK(iso.startsAt == at(kDay, "10:30"));
    CHECK(french.startsAt == iso.startsAt);
    CHECK(french.birthDate == "1970-05-05");
    CHECK(localTime(iso.startsAt) == "10:30");
    CHECK(f.book.day(kDay).size() == 2);
    CHECK(f.book.day("12/06/2030").size() == 2);
    CHECK(f.book.day("2030-06-13").empty());
}

TEST_CASE("staff correct and cancel appointments, the audit names none", "[health][book]") {
    HealthFixture f;
    const Appointment a = f.add("10:30", "Rou", "Hugo", "1971-06-06");
    const AppointmentChange edited = f.book.edit(&f.assistant, a.id, {kDay, "11:00", "Roux", "Hugo", "1971-06-06", "", ""});
    REQUIRE(edited.ok());
    CHECK(edited.appointment->surname == "Roux");
    CHECK(edited.appointment->surnameKey == "ROUX");
    CHECK(edited.appointment->startsAt == at(kDay, "11:00"));
    CHECK(edited.appointment->code == a.code);  // kept when none is typed

    REQUIRE(f.book.cancel(&f.assistant, a.id).ok());
    CHECK(f.statusOf(a.id) == AppointmentStatus::Cancelled);
    const AppointmentChange twice = f.book.cancel(&f.assistant, a.id);
    CHECK(twice.error == HealthError::TransitionRefused);
    CHECK(twice.from == AppointmentStatus::Cancelled);
    CHECK(f.book.edit(&f.assistant, a.id, {kDay, "11:00", "Roux", "", "", "", ""}).error == HealthError::Closed);
    CHECK(f.book.cancel(&f.assistant, "missing").error == HealthError::NotFound);

    CHECK(f.audit("health.appointment.add").size() == 1);
    CHECK(f.audit("health.appointment.edit").size() == 1);
    REQUIRE(f.audit("health.appointment.cancel").size() == 1);
    // The line names the appointment by its time, never the patient.
    CHECK(vk::services::auditValuesOf(f.audit("health.appointment.cancel")[0].detail).at("time_at") ==
          std::to_string(f.book.find(a.id)->startsAt));
    for (const auto& entry : f.staff.recentAudit(100)) CHECK(entry.detail.find("Rou") == std::string::npos);
}

TEST_CASE("a semicolon-separated export with a BOM, CR LF and quoted fields is imported whole", "[health][book][csv]") {
    HealthFixture f;
    const ImportReport report = f.book.importCsv(&f.assistant, kSemicolonExport);
    CHECK(report.problems.empty());
    CHECK(report.added == 4);

    const auto marie = findBySurname(f, "Lefèvre-Dupont");
    REQUIRE(marie);
    CHECK(marie->givenName == "Marie");
    CHECK(marie->startsAt == at(kDay, "09:00"));
    CHECK(marie->birthDate == "1950-02-01");
    CHECK(marie->phone == "06 12 34 56 78");
    CHECK(marie->source == vk::storage::AppointmentSource::Csv);
    CHECK(marie->code);

    const auto martin = findBySurname(f, "Martin; dit \"Jojo\"");
    REQUIRE(martin);
    CHECK(martin->code == "AB12CD");
    CHECK(martin->startsAt == at(kDay, "09:15"));
    CHECK(findBySurname(f, "Le Gall de Kerdrel"));  // the line break inside the quotes folds into a space
    CHECK(findBySurname(f, "Bernard"));
    CHECK(f.audit("health.import").size() == 1);
    CHECK(vk::services::auditValuesOf(f.audit("health.import")[0].detail) ==
          vk::services::AuditValues{{"source_key", "audit.import_source.file"},
                                    {"added", "4"},
                                    {"updated", "0"},
                                    {"cancelled", "0"},
                                    {"unmatched", "0"}});
}

TEST_CASE("a semicolon-separated export without a BOM is imported too", "[health][book][csv]") {
    HealthFixture f;
    const ImportReport report = f.book.importCsv(&f.assistant,
                                                 "date,time,surname,given name,birth date,phone\n"
                                                 "2030-06-12,14:00,\"Dupont, Jr\",Paul,\"03/04/1955\",\n"
                                                 "12/06/2030,14:30:00,Durand,Éloïse,1988-08-08,\"+33 6 00 00 00 00\"\n");
    CHECK(report.problems.empty());
    CHECK(report.added == 2);
    const auto dupont = findBySurname(f, "Dupont, Jr");
    REQUIRE(dupont);
    CHECK(dupont->birthDate == "1955-04-03");
    const auto durand = findBySurname(f, "Durand");
    REQUIRE(durand);
    CHECK(durand->phone == "+33 6 00 00 00 00");
    CHECK(durand->startsAt == at(kDay, "14:30"));
}

TEST_CASE("bad rows are reported with their line and skipped, the rest of the file is imported", "[health][book][csv]") {
    HealthFixture f;
    std::string huge;
    while (huge.size() < 10'000) huge += "é";
    const std::string text =
        "Date;Heure;Nom;Prénom;Naissance;Téléphone;Code\n"                 // 1
        "2030-06-12;09:00;Good;One;1950-01-01;;\n"                         // 2
        "2030-13-45;09:00;Garbled;Date;1950-01-01;;\n"                     // 3
        "2030-06-12;9h75;Bad;Time;1950-01-01;;\n"                          // 4
        "2030-06-12;09:00;Short;Row\n"                                     // 5
        "2030-06-12;09:05;\"Multi\n"                                       // 6
        "Line\";Name;1950-01-02;;\n"                                       // 7
        "2030-06-12;09:10;---;Nobody;1950-01-01;;\n"                       // 8
        "2030-06-12;09:20;Ctrl\x1b[31mRed\x07;Bell\0x;1950-01-03;\x1bp;\n"s  // 9
        "2030-06-12;09:30;" + huge + ";Long;1950-01-04;;\n"                // 10
        "2030-06-12;09:40;Future;Baby;2031-01-01;;\n"                      // 11
        "2030-06-12;09:50;Code;Bad;1950-01-05;;ab\n"                       // 12
        "\n"                                                               // 13
        "2030-06-12;09:55;Last;One;1950-01-06;;\n";                        // 14
    const ImportReport report = f.book.importCsv(&f.assistant, text);
    CHECK(problemLines(report) == std::vector<int>{3, 4, 5, 8, 11, 12});
    CHECK(report.added == 5);
    REQUIRE(report.problems.size() == 6);
    CHECK_THAT(report.problems[0].reason, Catch::Contains("2030-13-45"));
    CHECK_THAT(report.problems[2].reason, Catch::Contains("found 4"));

    CHECK(findBySurname(f, "Multi Line"));
    const auto ctrl = findBySurname(f, "Ctrl[31mRed");
    REQUIRE(ctrl);
    CHECK(ctrl->givenName == "Bellx");
    // ESC p (open the cash drawer) loses its ESC, and "p" is no phone number: left out, with a note, the row kept.
    CHECK_FALSE(ctrl->phone);
    REQUIRE(report.notes.size() == 1);
    CHECK(report.notes[0].line == 9);
    for (const Appointment& a : f.book.day(kDay)) {
        for (const char c : a.surname + a.givenName) CHECK(static_cast<unsigned char>(c) >= 0x20);
        CHECK(countCodepoints(a.surname) <= 120);
    }
    CHECK(f.count("SELECT count(*) FROM appointment WHERE length(surname) = 120 AND given_name = 'Long'") == 1);
}

TEST_CASE("a quote never closed is reported, not swallowed in silence", "[health][book][csv]") {
    HealthFixture f;
    const ImportReport report = f.book.importCsv(&f.assistant,
                                                 "date;time;surname;given;birth;phone\n"
                                                 "2030-06-12;09:00;Good;One;1950-01-01;\n"
                                                 "2030-06-12;09:10;\"Open;One;1950-01-01;\n"
                                                 "2030-06-12;09:20;Lost;One;1950-01-01;\n");
    CHECK(report.added == 1);
    CHECK(problemLines(report) == std::vector<int>{3});
}

TEST_CASE("importing the same export again updates, never duplicates, and keeps what happened since", "[health][book][csv]") {
    HealthFixture f;
    REQUIRE(f.book.importCsv(&f.assistant, kSemicolonExport).added == 4);
    const std::string codeOfMarie = *findBySurname(f, "Lefèvre-Dupont")->code;

    const ImportReport same = f.book.importCsv(&f.assistant, kSemicolonExport);
    CHECK(same.added == 0);
    CHECK(same.updated == 0);
    CHECK(same.unchanged == 4);
    CHECK(f.count("SELECT count(*) FROM appointment") == 4);
    CHECK(findBySurname(f, "Lefèvre-Dupont")->code == codeOfMarie);  // a generated code stays

    // Meanwhile Marie checks in, Jean cancels, Yann's time is moved by the assistant.
    f.setTime("08:30");
    REQUIRE(f.checkIn.byBirthDate("1950-02-01", "LE").outcome == CheckInOutcome::CheckedIn);
    REQUIRE(f.book.cancel(&f.assistant, findBySurname(f, "Martin; dit \"Jojo\"")->id).ok());
    const auto yann = findBySurname(f, "Le Gall de Kerdrel");
    REQUIRE(f.book.edit(&f.assistant, yann->id, {kDay, "11:45", yann->surname, "Yann", "1960-03-03", "", ""}).ok());

    // The next export has new phone numbers for everyone.
    std::string changed = kSemicolonExport;
    for (auto pos = changed.find(";;"); pos != std::string::npos; pos = changed.find(";;", pos))
        changed.replace(pos, 2, ";07 00 00 00 00;");
    const ImportReport again = f.book.importCsv(&f.assistant, changed);
    CHECK(again.problems.empty());
    CHECK(again.added == 0);
    CHECK(again.updated == 1);    // Yann, still booked
    CHECK(again.unchanged == 3);  // Marie (arrived) and Jean (cancelled) are left alone; Léo's line had a phone
    CHECK(f.count("SELECT count(*) FROM appointment") == 4);
    CHECK(findBySurname(f, "Lefèvre-Dupont")->status == AppointmentStatus::Arrived);
    CHECK(findBySurname(f, "Martin; dit \"Jojo\"")->status == AppointmentStatus::Cancelled);
    const auto movedYann = findBySurname(f, "Le Gall de Kerdrel");
    CHECK(movedYann->startsAt == at(kDay, "11:45"));
    CHECK(movedYann->phone == "07 00 00 00 00");
}

TEST_CASE("an imported code already used by another appointment is reported", "[health][book][csv]") {
    HealthFixture f;
    f.add("10:00", "Petit", "Rose", "", kDay, "AB12CD");
    const ImportReport report = f.book.importCsv(&f.assistant, kSemicolonExport);
    CHECK(report.added == 3);
    REQUIRE(problemLines(report) == std::vector<int>{3});
    CHECK_THAT(report.problems[0].reason, Catch::Contains("already used"));
}

TEST_CASE("only the assistant imports appointments", "[health][book][csv]") {
    HealthFixture f;
    const ImportReport report = f.book.importCsv(&f.cafe, kSemicolonExport);
    CHECK(report.error == HealthError::NotAllowed);
    CHECK(f.count("SELECT count(*) FROM appointment") == 0);
}

TEST_CASE("a missing actor may not touch appointments, the command line may, under its name", "[health][book][rights]") {
    HealthFixture f;
    const AppointmentInput input{kDay, "09:00", "Moulin", "Jeanne", "1950-03-14", "", ""};
    CHECK(f.book.add(nullptr, input).error == HealthError::NotAllowed);
    CHECK(f.book.importCsv(nullptr, kSemicolonExport).error == HealthError::NotAllowed);
    CHECK(f.count("SELECT count(*) FROM appointment") == 0);
    const Appointment booked = f.add("09:00", "Moulin", "Jeanne", "1950-03-14");
    CHECK(f.book.cancel(nullptr, booked.id).error == HealthError::NotAllowed);
    CHECK(f.room.markArrived(nullptr, booked.id).error == HealthError::NotAllowed);
    CHECK(f.checkIn.linkCard(nullptr, booked.id, "04A1B2C3D4").error == HealthError::NotAllowed);
    CHECK(f.statusOf(booked.id) == AppointmentStatus::Booked);

    REQUIRE(f.book.add(&systemActor(SystemActor::CommandLine), {kDay, "09:30", "Nguyen", "Thi", "1988-11-30", "", ""}).ok());
    const auto added = f.audit("health.appointment.add");
    REQUIRE(added.size() == 2);
    CHECK(added.front().actorName == "command line");  // newest first
    CHECK_FALSE(added.front().actorId);
}

TEST_CASE("appointments and patient cards past their retention period are purged", "[health][book][retention]") {
    HealthFixture f;
    const Appointment old = f.add("10:00", "Ancien", "A", "1950-01-01", "2029-05-01");
    const Appointment recent = f.add("10:00", "Récent", "R", "1950-01-02", "2030-06-01");
    f.clock.setMs(at("2029-05-01", "09:30"));
    REQUIRE(f.checkIn.linkCard(&f.assistant, old.id, "04AA").ok());
    f.clock.setMs(at(kDay, "08:00"));
    REQUIRE(f.checkIn.linkCard(&f.assistant, recent.id, "04BB").ok());

    const auto reports = vk::storage::purgeExpired(f.db, {{"appointments_days", 365}, {"patient_cards_days", 365}},
                                                   f.clock.nowMs());
    CHECK_FALSE(f.book.find(old.id));
    CHECK(f.book.find(recent.id));
    CHECK(f.count("SELECT count(*) FROM patient_card") == 1);
    for (const auto& report : reports)
        if (report.key == "appointments_days" || report.key == "patient_cards_days") CHECK(report.rowsDeleted == 1);
}
