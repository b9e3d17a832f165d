#include "kiosk/services/demo_data.h"

#include "kiosk/services/health/appointment_book.h"
#include "kiosk/services/board/member_registry.h"
#include "kiosk/services/health/local_days.h"
#include "kiosk/services/timebank/time_bank.h"
#include "kiosk/services/timebank/timebank_area.h"
#include "storage/rota_store.h"
#include "storage/village_info_store.h"

#include <SQLiteCpp/Transaction.h>

namespace vk::services {
namespace {

constexpr DemoAccount kDemoAccounts[] = {
    {"Claire Moreau", StaffRole::MedicalAssistant, "2580"},
    {"Julien Girard", StaffRole::CafeManager, "1357"},
    {"Technicien Asso", StaffRole::Admin, "739182"},
};

struct DemoInfo {
    const char* title;
    const char* body;
};

constexpr DemoInfo kDemoInfo[] = {
    {"Urgences", "SAMU : 15 · Pompiers : 18 · Gendarmerie : 17 · Numéro européen : 112\n"
                 "Sourds et malentendants (SMS) : 114"},
    {"Mairie", "Ouverte le mardi et le jeudi de 9 h à 12 h, le samedi de 10 h à 12 h.\n"
               "Permanence du maire le samedi matin, sans rendez-vous."},
    {"Pharmacie de garde", "Le soir, le dimanche et les jours fériés : composez le 32 37 "
                           "ou demandez au café."},
    {"Bus", "Ligne 12 vers la gare : départs de la place de l’Église à 7 h 42, 12 h 15 et 17 h 50, "
            "du lundi au samedi."},
    {"Déchets", "Ordures ménagères le lundi matin, tri sélectif le jeudi des semaines paires. "
                "Déchèterie ouverte le mercredi et le samedi."},
    {"Bibliothèque", "À l’étage de la mairie, le mercredi de 14 h à 17 h. Prêt gratuit."},
};

// A month of visiting doctors from the week the kiosk starts: one doctor a week, mornings and afternoons, the
// usual Wednesday afternoon off, and a closure to show how one looks.
void seedDemoRota(storage::Database& db, std::int64_t nowMs) {
    using health::addDays;
    storage::RotaStore rota(db);
    struct DemoDoctor {
        const char* name;
        const char* title;
    };
    constexpr DemoDoctor kDoctors[] = {
        {"Dr Marie Lefort", "Médecin généraliste"},
        {"Dr Karim Benali", "Médecin généraliste"},
        {"Dr Sophie Marchand", "Médecin généraliste, pédiatrie"},
        {"Dr Paul Garnier", "Médecin généraliste"},
    };
    const std::string monday = health::displayedWeekMonday(health::localDay(nowMs));
    for (int week = 0; week < 4; ++week) {
        const std::string first = addDays(monday, 7 * week);
        const DemoDoctor& doctor = kDoctors[week];
        rota.addVisit({"", doctor.name, doctor.title, first, addDays(first, 4), storage::RotaSource::Staff, ""}, nowMs);
        for (int day = 0; day < 5; ++day) {
            const std::string date = addDays(first, day);
            if (week == 2 && day == 3) {
                rota.addClosure({"", date, date, "Formation du médecin", storage::RotaSource::Staff, ""}, nowMs);
                continue;
            }
            rota.addHours({"", date, "09:00", "12:00", doctor.name, storage::RotaSource::Staff, ""}, nowMs);
            if (day != 2) rota.addHours({"", date, "14:00", "17:30", doctor.name, storage::RotaSource::Staff, ""}, nowMs);
        }
    }
}

}  // namespace

std::span<const DemoPatient> demoPatients() {
    static constexpr DemoPatient kPatients[] = {
        {"Moulin", "Jeanne", "1950-03-14", "06 12 34 56 78"},   {"Lefèvre-Dupont", "André", "1946-07-02", "06 23 45 67 89"},
        {"Nguyen", "Thi", "1988-11-30", "07 34 56 78 90"},      {"Rousseau", "Hélène", "1939-01-21", "02 54 11 22 33"},
        {"Benoît", "Lucas", "2015-05-09", "06 45 67 89 01"},    {"Mercier", "Odile", "1952-09-17", "02 54 44 55 66"},
        {"Da Silva", "Manuel", "1961-12-03", "06 56 78 90 12"}, {"Lemoine", "Gisèle", "1944-04-26", "02 54 77 88 99"},
    };
    return kPatients;
}

void seedDemoAppointments(storage::Database& db, StaffService& staff, const Clock& clock) {
    health::AppointmentBook book(db, clock, staff);
    const StaffSession& demo = systemActor(SystemActor::DemoData);
    const std::int64_t now = clock.nowMs();
    const std::string today = health::localDay(now);
    // Half-hourly from the next half hour, so that the first patients can check in as soon as the demo starts.
    const std::int64_t halfHour = 30LL * 60 * 1000;
    std::int64_t at = (now / halfHour + 1) * halfHour;
    for (const DemoPatient& patient : demoPatients()) {
        if (health::localDay(at) != today) break;  // the demo's appointments are today's
        health::AppointmentInput input;
        input.day = today;
        input.time = health::localTime(at);
        input.surname = patient.surname;
        input.givenName = patient.givenName;
        input.birthDate = patient.birthDate;
        input.phone = patient.phone;
        book.add(&demo, input);
        at += halfHour;
    }
}

std::span<const DemoAccount> demoAccounts() { return kDemoAccounts; }

namespace {

constexpr DemoMember kDemoMembers[] = {
    {"Lucienne Fabre", "Saint-Aubin-des-Prés", "2468", "04A1B2C3D4"},
    {"Marcel Roux", "Saint-Aubin-des-Prés", "3579", "04E5F6A7B8"},
    {"Odile Perrin", "Les Essarts", "4826", ""},
};

// An exchange `daysAgo` days ago between demo members (by index in the board's list): who was helped, who helped.
struct DemoExchange {
    int daysAgo;
    std::size_t receiver;
    std::size_t provider;
    int minutes;
    const char* what;
    const char* category;
};

constexpr DemoExchange kDemoExchanges[] = {
    {20, 0, 1, 120, "Taille de la haie et ramassage des feuilles", "garden"},
    {12, 1, 2, 45, "Aide pour la déclaration en ligne", "computer"},
    {6, 2, 0, 90, "Conduite au marché de Vernon", "transport"},
    {2, 0, 1, 60, "Réparation du robinet de la cuisine", "garden"},
};

}  // namespace

std::span<const DemoMember> demoMembers() { return kDemoMembers; }

void seedDemoTimeBank(storage::Database& db, StaffService& staff, const Clock& clock) {
    const StaffSession& demo = systemActor(SystemActor::DemoData);
    board::MemberRegistry registry(db, clock, staff, staff.pinHasher(), staff.policy());
    if (registry.count() < 2) {
        for (const DemoMember& member : kDemoMembers) {
            board::MemberForm form;
            form.name = member.name;
            form.village = member.village;
            form.pin = member.pin;
            const auto added = registry.add(&demo, form);
            if (added.ok() && *member.cardUid) registry.assignCard(&demo, added.member->id, std::string(member.cardUid));
        }
    }
    const auto members = registry.list();
    if (members.size() < 2) return;
    // The exchanges happened over the last weeks: recorded on a clock set back to each one's day.
    class PastClock final : public Clock {
    public:
        std::int64_t nowMs() const override { return atMs; }
        std::int64_t atMs = 0;
    } past;
    auto directory = timebank::makeBoardMemberDirectory(db, clock, staff);
    timebank::TimeBank bank(db, past, staff, *directory, timebank::TimeBankSettings{});
    constexpr std::int64_t kDay = 24LL * 60 * 60 * 1000;
    for (const DemoExchange& exchange : kDemoExchanges) {
        const std::size_t receiver = exchange.receiver % members.size();
        const std::size_t provider = exchange.provider % members.size();
        if (receiver == provider) continue;
        past.atMs = clock.nowMs() - exchange.daysAgo * kDay;
        timebank::TransferRequest request;
        request.payerMemberId = members[receiver].id;
        request.providerMemberId = members[provider].id;
        request.minutes = exchange.minutes;
        request.what = exchange.what;
        request.category = exchange.category;
        bank.transfer(&demo, request);
    }
}

bool seedDemoDataIfEmpty(storage::Database& db, StaffService& staff, const Clock& clock) {
    if (!staff.accounts().empty()) return false;
    storage::VillageInfoStore villageInfo(db);
    if (!villageInfo.listLive().empty()) return false;

    SQLite::Transaction transaction(db.sql());
    const StaffSession& demo = systemActor(SystemActor::DemoData);
    for (const DemoAccount& account : kDemoAccounts) staff.createAccount(&demo, account.name, account.role, account.pin);
    int order = 0;
    for (const DemoInfo& info : kDemoInfo) villageInfo.create(info.title, info.body, order++, clock.nowMs());
    seedDemoRota(db, clock.nowMs());
    seedDemoAppointments(db, staff, clock);
    staff.audit(&demo, "demo.seed", "demo village data");
    transaction.commit();
    // After the commit: the time bank writes each exchange in a transaction of its own.
    seedDemoTimeBank(db, staff, clock);
    return true;
}

}  // namespace vk::services
