#include "kiosk/services/demo_data.h"

#include "kiosk/services/board/exchange_board.h"
#include "kiosk/services/board/member_registry.h"
#include "kiosk/services/health/appointment_book.h"
#include "kiosk/services/board/member_registry.h"
#include "kiosk/services/health/local_days.h"
#include "storage/outbox_store.h"
#include "storage/parcel_store.h"
#include "kiosk/services/postal/postal_counter.h"
#include "kiosk/services/timebank/time_bank.h"
#include "kiosk/services/timebank/timebank_area.h"
#include "kiosk/services/orders/order_book.h"
#include "kiosk/services/agenda/event_agenda.h"
#include "storage/impact_count_store.h"
#include "kiosk/services/meals/senior_meals.h"
#include "kiosk/services/shifts/volunteer_shifts.h"
#include "storage/record_id.h"
#include "storage/rota_store.h"
#include "storage/sync_store.h"
#include "storage/village_info_store.h"

#include <SQLiteCpp/Transaction.h>

#include <stdexcept>

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

// A few parcels on the relay point's shelf (one past its last day, one for a resident to call), and one prepaid
// parcel waiting for its driver. Fixed codes, so that the demo's public keypad can be tried: K7M4PQ.
void seedDemoParcels(storage::Database& db, std::int64_t nowMs) {
    storage::ParcelStore store(db);
    struct DemoParcel {
        const char* carrier;
        const char* tracking;
        const char* recipient;
        const char* phone;
        const char* place;
        const char* code;
        int deadlineInDays;
        std::int64_t codCents;
    };
    constexpr DemoParcel kParcels[] = {
        {"mondial-relay", "84512377", "Jeanne Moulin", "0612345678", "A1", "K7M4PQ", 4, 0},
        {"colissimo", "6A12345678901", "André Lefèvre-Dupont", "0623456789", "A2", "R3TX9C", 8, 2490},
        {"dpd", "09445440123456", "Hélène Rousseau", "", "A3", "W6HND4", 5, 0},
        {"chronopost", "XR123456785FR", "Odile Mercier", "0254445566", "B1", "P8CQ3E", -1, 0},
    };
    const std::string today = health::localDay(nowMs);
    for (const DemoParcel& demo : kParcels) {
        const auto carrier = store.carrierByCode(demo.carrier);
        if (!carrier) continue;
        storage::NewParcel parcel;
        parcel.carrierId = carrier->id;
        parcel.tracking = demo.tracking;
        parcel.recipientName = demo.recipient;
        if (*demo.phone) parcel.recipientPhone = demo.phone;
        parcel.shelfPlace = demo.place;
        parcel.pickupCode = demo.code;
        parcel.deadlineDay = health::addDays(today, demo.deadlineInDays);
        parcel.codCents = demo.codCents;
        store.insert(parcel, nowMs);
    }
    if (const auto colissimo = store.carrierByCode("colissimo")) {
        storage::NewParcel outgoing;
        outgoing.direction = storage::ParcelDirection::Outgoing;
        outgoing.carrierId = colissimo->id;
        outgoing.tracking = "RA123456785FR";
        store.insert(outgoing, nowMs);
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
        // The patients with a mobile said yes to reminders at the desk; those with a landline did not.
        input.reminderConsent = patient.phone[1] == '6' || patient.phone[1] == '7';
        book.add(&demo, input);
        at += halfHour;
    }
}

// A few messages to residents, so that the staff list « Messages » shows each state it can.
static void seedDemoOutbox(storage::Database& db, std::int64_t nowMs) {
    storage::OutboxStore outbox(db);
    const storage::OutboxRetryPolicy policy;
    const auto queue = [&](storage::OutboxChannel channel, const char* recipient, const char* key,
                           std::int64_t atMs) {
        storage::OutgoingMessage message{channel, recipient, "Votre colis est arrivé",
                                         "Votre colis vous attend au café.",
                                         "parcel.arrival", "", key};
        return *outbox.enqueue(message, atMs);
    };
    const std::int64_t hour = 3'600'000;
    const std::string sent =
        queue(storage::OutboxChannel::Email, "marie.lefevre@example.fr", "demo:1", nowMs - 3 * hour);
    outbox.claim(sent, nowMs - 3 * hour);
    outbox.markSent(sent, nowMs - 3 * hour + 2'000);
    const std::string retrying = queue(storage::OutboxChannel::Sms, "+33600000001", "demo:2", nowMs - hour);
    outbox.claim(retrying, nowMs - hour);
    outbox.markFailedTry(retrying, storage::DeliveryFailure::Transient,
                         "the SMS gateway answered with HTTP status 503", nowMs - hour, policy);
    const std::string failed = queue(storage::OutboxChannel::Sms, "+33600000002", "demo:3", nowMs - 2 * hour);
    for (int attempt = 0; attempt < policy.permanentFailureAttempts; ++attempt) {
        outbox.retryNow(failed, nowMs - 2 * hour);
        outbox.claim(failed, nowMs - 2 * hour);
        outbox.markFailedTry(failed, storage::DeliveryFailure::Permanent,
                             "the SMS gateway answered with HTTP status 400", nowMs - 2 * hour, policy);
    }
}

// A morning at the postal counter: stamps, a registered letter with its number, a prepaid box. Each sale writes
// in its own transaction, so this runs after the rest of the demo is committed.
void seedDemoPostalSales(storage::Database& db, StaffService& staff, const Clock& clock) {
    postal::PostalCounter counter(db, clock, staff);
    counter.seedDefaultCatalogue();
    const StaffSession& demo = systemActor(SystemActor::DemoData);
    const auto idOf = [&](const char* code) {
        const auto item = counter.itemByCode(code);
        return item ? item->id : std::string();
    };
    postal::SaleRequest stamps;
    stamps.lines = {{idOf("lettre_verte"), 5}, {idOf("lettre_internationale"), 1}};
    counter.sell(&demo, stamps);
    postal::SaleRequest registered;
    registered.lines = {{idOf("lettre_verte"), 2}};
    registered.letters = {{idOf("recommande_ar"), "1A 123 456 7890 1", "Vendôme"}};
    registered.method = postal::PaymentMethod::Card;
    counter.sell(&demo, registered);
    postal::SaleRequest box;
    box.lines = {{idOf("pap_colissimo_s"), 1}};
    box.method = postal::PaymentMethod::Cheque;
    counter.sell(&demo, box);
}

// The first four post on the board (kDemoPosts names them by index); all of them trade in the time bank.
constexpr DemoMember kDemoMembers[] = {
    {"Marie Dupont", "Saint-Aubin", "06 12 34 56 78", "2468", ""},
    {"Jean-Marc Lefèvre", "Saint-Aubin", "", "3579", ""},
    {"Odette Renaud", "Saint-Aubin", "05 55 12 34 56", "4826", ""},
    {"Paul Martin", "Les Forges", "06 98 76 54 32", "8642", ""},
    {"Lucienne Fabre", "Saint-Aubin-des-Prés", "", "2468", "04A1B2C3D4"},
    {"Marcel Roux", "Saint-Aubin-des-Prés", "", "3579", "04E5F6A7B8"},
    {"Odile Perrin", "Les Essarts", "", "4826", ""},
};

struct DemoPost {
    int member;
    board::PostDirection direction;
    const char* category;
    board::PostKind kind;
    const char* title;
    const char* text;
    const char* status;  // "approved", "pending", "flagged"
};

constexpr DemoPost kDemoPosts[] = {
    {1, board::PostDirection::Offer, "garden", board::PostKind::Free, "Tonte de pelouse et taille de haies",
     "Retraité, j’ai du matériel. Le samedi matin, aux Forges et à Saint-Aubin.", "approved"},
    {0, board::PostDirection::Request, "transport", board::PostKind::Free, "Courses au marché le jeudi",
     "Je ne conduis plus. Quelqu’un pourrait-il m’emmener au marché de la ville, le jeudi matin ?", "approved"},
    {2, board::PostDirection::Offer, "meals", board::PostKind::Free, "Œufs frais et confitures",
     "Mes poules pondent trop : je donne des œufs le mercredi. Et un pot de confiture pour qui aime.", "approved"},
    {3, board::PostDirection::Offer, "computer", board::PostKind::Cesu, "Aide à l’ordinateur et au téléphone",
     "Messagerie, photos, démarches en ligne : je viens chez vous, paiement en CESU.", "approved"},
    {0, board::PostDirection::Request, "garden", board::PostKind::Free, "Cherche aide pour le potager",
     "Mon dos ne suit plus : bêcher deux planches au printemps.", "approved"},
    {3, board::PostDirection::Offer, "company", board::PostKind::Free, "Lecture et compagnie l’après-midi",
     "Je lis volontiers le journal ou un roman à qui n’y voit plus bien.", "pending"},
    {1, board::PostDirection::Offer, "home_help", board::PostKind::Free, "Petites réparations à la maison",
     "Une étagère, une poignée, un robinet qui goutte.", "flagged"},
};

void seedDemoBoard(storage::Database& db, StaffService& staff, const Clock& clock) {
    const StaffSession& demo = systemActor(SystemActor::DemoData);
    board::MemberRegistry members(db, clock, staff, staff.pinHasher(), staff.policy());
    std::vector<std::string> ids;
    for (const DemoMember& member : kDemoMembers) {
        board::MemberForm form;
        form.name = member.name;
        form.village = member.village;
        form.phone = member.phone;
        form.pin = member.pin;
        form.consent.showPhone = !form.phone.empty();
        ids.push_back(members.add(&demo, form).member->id);
        if (*member.cardUid) members.assignCard(&demo, ids.back(), std::string(member.cardUid));
    }
    static const board::BoardSettings defaults;
    board::ExchangeBoard exchange(db, clock, staff, defaults);
    for (const DemoPost& post : kDemoPosts) {
        board::PostForm form;
        form.memberId = ids[static_cast<std::size_t>(post.member)];
        form.direction = post.direction;
        form.category = post.category;
        form.kind = post.kind;
        form.title = post.title;
        form.text = post.text;
        form.showPhone = post.member == 2;
        const auto change = exchange.submit(form, &demo);
        if (!change.ok()) throw std::runtime_error("demo board post refused: " + std::string(board::postErrorKey(change.error)));
        const std::string status = post.status;
        if (status != "pending") exchange.approve(&demo, change.post->id);
        if (status == "flagged") exchange.flag(change.post->id);
    }
}

std::span<const DemoAccount> demoAccounts() { return kDemoAccounts; }

namespace {

// An exchange `daysAgo` days ago between demo members: who was helped, who helped.
struct DemoExchange {
    int daysAgo;
    const char* receiver;
    const char* provider;
    int minutes;
    const char* what;
    const char* category;
};

constexpr DemoExchange kDemoExchanges[] = {
    {20, "Lucienne Fabre", "Marcel Roux", 120, "Taille de la haie et ramassage des feuilles", "garden"},
    {12, "Marcel Roux", "Odile Perrin", 45, "Aide pour la déclaration en ligne", "computer"},
    {6, "Odile Perrin", "Lucienne Fabre", 90, "Conduite au marché de Vernon", "transport"},
    {2, "Lucienne Fabre", "Marcel Roux", 60, "Réparation du robinet de la cuisine", "garden"},
};

}  // namespace

std::span<const DemoMember> demoMembers() { return kDemoMembers; }

void seedDemoTimeBank(storage::Database& db, StaffService& staff, const Clock& clock) {
    const StaffSession& demo = systemActor(SystemActor::DemoData);
    board::MemberRegistry registry(db, clock, staff, staff.pinHasher(), staff.policy());
    const auto members = registry.list();
    const auto idOf = [&](const char* name) {
        for (const auto& member : members)
            if (member.displayName == name) return member.id;
        return std::string();
    };
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
        const std::string receiver = idOf(exchange.receiver);
        const std::string provider = idOf(exchange.provider);
        if (receiver.empty() || provider.empty()) continue;
        past.atMs = clock.nowMs() - exchange.daysAgo * kDay;
        timebank::TransferRequest request;
        request.payerMemberId = receiver;
        request.providerMemberId = provider;
        request.minutes = exchange.minutes;
        request.what = exchange.what;
        request.category = exchange.category;
        bank.transfer(&demo, request);
    }
}

// Orders at the counter: the baker of the next village and a producer of the grocery, with a few orders for the
// next delivery placed the evening before, a walk-in's order, and a standing order.
void seedDemoOrders(storage::Database& db, StaffService& staff, const Clock& clock) {
    const StaffSession& demo = systemActor(SystemActor::DemoData);
    board::MemberRegistry registry(db, clock, staff, staff.pinHasher(), staff.policy());
    const auto members = registry.list();
    const auto idOf = [&](const char* name) {
        for (const auto& member : members)
            if (member.displayName == name) return member.id;
        return std::string();
    };
    // Placed yesterday at 10:00, before the cut-offs, for the first delivery from today on.
    class PastClock final : public Clock {
    public:
        std::int64_t nowMs() const override { return atMs; }
        std::int64_t atMs = 0;
    } past;
    const std::string today = health::localDay(clock.nowMs());
    past.atMs = health::localToUnixMs(health::addDays(today, -1), "10:00").value_or(clock.nowMs());
    auto directory = timebank::makeBoardMemberDirectory(db, clock, staff);
    const parcels::OpeningCalendar everyDay({}, {});
    orders::OrderBook book(db, past, staff, *directory, everyDay, orders::OrdersSettings{});

    orders::SupplierForm bakerForm{"Boulangerie Morel", "boulangerie.morel@example.fr",
                                   {"tue", "wed", "thu", "fri", "sat", "sun"}, "18:00", 1, false};
    const auto baker = book.addSupplier(&demo, bakerForm);
    orders::SupplierForm farmForm{"Ferme des Tilleuls", "ferme.tilleuls@example.fr", {"fri"}, "12:00", 2, true};
    const auto farm = book.addSupplier(&demo, farmForm);
    if (!baker.ok() || !farm.ok()) return;
    const auto item = [&](const std::string& supplier, const char* name, std::int64_t cents) {
        const auto added = book.addItem(&demo, supplier, name, cents);
        return added.ok() ? added.item->id : std::string();
    };
    const std::string bakerId = baker.supplier->id;
    const std::string farmId = farm.supplier->id;
    const std::string baguette = item(bakerId, "Baguette", 110);
    const std::string countryLoaf = item(bakerId, "Pain de campagne", 320);
    const std::string croissant = item(bakerId, "Croissant", 120);
    item(bakerId, "Pain au chocolat", 130);
    const std::string basket = item(farmId, "Panier de légumes", 1500);
    const std::string eggs = item(farmId, "Œufs (6)", 280);
    item(farmId, "Fromage de chèvre", 450);

    const std::string breadDay = book.calendarOf(bakerId)->nextPossibleDay(today, past.atMs);
    const std::string farmDay = book.calendarOf(farmId)->nextPossibleDay(today, past.atMs);
    const auto place = [&](const std::string& supplier, const std::string& day, const char* member, const char* name,
                           std::vector<orders::ItemQuantity> lines) {
        orders::PlaceRequest request;
        request.supplierId = supplier;
        request.day = day;
        request.customer.memberId = member ? idOf(member) : std::string();
        request.customer.name = name ? name : "";
        request.items = std::move(lines);
        request.source = orders::OrderSource::Counter;
        book.place(&demo, request);
    };
    place(bakerId, breadDay, "Lucienne Fabre", nullptr, {{baguette, 2}});
    place(bakerId, breadDay, "Marcel Roux", nullptr, {{countryLoaf, 1}, {croissant, 2}});
    place(bakerId, breadDay, nullptr, "Gîte des Tilleuls", {{croissant, 6}, {baguette, 3}});
    place(farmId, farmDay, "Odile Perrin", nullptr, {{basket, 1}, {eggs, 1}});
    place(farmId, farmDay, "Lucienne Fabre", nullptr, {{eggs, 2}});
    orders::StandingRequest standing;
    standing.supplierId = bakerId;
    standing.itemId = baguette;
    standing.customer.memberId = idOf("Marie Dupont");
    standing.quantity = 1;
    standing.weekdays = {"tue", "wed", "thu", "fri", "sat"};
    standing.firstDay = health::addDays(today, -1);
    book.addStanding(&demo, standing);
}

// The café's agenda: a digital workshop later this week with a few places left, a cooking workshop that is full
// with two on its waiting list, a quiz with a contribution, and the open-air cinema of the network's tour next week.
void seedDemoAgenda(storage::Database& db, StaffService& staff, const Clock& clock) {
    const StaffSession& demo = systemActor(SystemActor::DemoData);
    auto directory = timebank::makeBoardMemberDirectory(db, clock, staff);
    hardware::PreviewPrinter noPaper;
    agenda::AgendaSettings settings;
    settings.printTicket = false;
    agenda::EventAgenda book(db, clock, staff, *directory, noPaper, settings, "", "");
    board::MemberRegistry registry(db, clock, staff, staff.pinHasher(), staff.policy());
    const auto members = registry.list();
    const std::string today = health::localDay(clock.nowMs());
    const auto add = [&](int inDays, const char* time, const char* end, const char* title, const char* place,
                         const char* description, int capacity, std::optional<std::int64_t> price) {
        agenda::EventForm form{title, place, description, health::addDays(today, inDays), time, end, capacity, price};
        const auto change = book.addEvent(&demo, form);
        return change.ok() ? change.event->id : std::string();
    };
    const auto signUp = [&](const std::string& event, const char* member) {
        for (const auto& m : members)
            if (m.displayName == member) book.signUp(&demo, {event, {m.id, {}, {}, {}}, agenda::SignUpSource::Counter, {}});
    };
    const std::string digital =
        add(2, "14:30", "16:30", "Atelier numérique : le smartphone sans peur", "Café associatif, salle du fond",
            "Envoyer une photo, passer un appel vidéo, lire ses messages. Venez avec votre téléphone ; on en prête un "
            "si besoin.",
            8, std::nullopt);
    signUp(digital, "Odette Renaud");
    signUp(digital, "Marcel Roux");
    const std::string cooking = add(3, "10:00", "12:00", "Atelier cuisine : soupes d’hiver", "Cuisine du café",
                                    "Avec les légumes de la Ferme des Tilleuls. On repart avec un bocal.", 3, 500);
    for (const char* name : {"Lucienne Fabre", "Marie Dupont", "Paul Martin", "Jean-Marc Lefèvre", "Odile Perrin"})
        signUp(cooking, name);
    add(4, "19:00", "21:00", "Quiz musical", "Café associatif", "Par équipes de quatre. Chansons françaises des années 60 à aujourd’hui.",
        30, 300);
    add(9, "20:30", "", "Cinéma en plein air : Les Vacances de M. Hulot", "Place de l’église",
        "Avec le réseau des cafés de pays. Apportez une couverture ; repli dans la salle des fêtes s’il pleut.", 0,
        std::nullopt);
}

// Two neighbouring villages of the territory, as if their kiosks had published through the hub: a doctor's visit
// in Mouthier-Haute-Pierre this week, and an event in each village, so that « Dans les villages voisins » shows on
// the health centre's week and the agenda. Applied the way a pull is (storage/sync_store.h), so nothing is queued.
void seedDemoNeighbours(storage::Database& db, const Clock& clock) {
    using nlohmann::json;
    const std::int64_t now = clock.nowMs();
    const std::string monday = health::displayedWeekMonday(health::localDay(now));
    const std::string today = health::localDay(now);
    std::vector<storage::IncomingChange> changes;
    const auto add = [&](const char* table, json row, const char* village) {
        const std::string id = storage::newRecordId(now);
        row["id"] = id;
        row["origin_kiosk"] = "demo-neighbour-kiosk";
        row["created_at"] = now;
        row["updated_at"] = now;
        row["deleted_at"] = nullptr;
        row["village"] = village;
        const auto seq = static_cast<std::int64_t>(changes.size()) + 1;
        changes.push_back({seq, "demo-neighbour-" + std::to_string(seq), table, id, "demo-neighbour-kiosk", row, {}});
    };
    constexpr const char* kMouthier = "Mouthier-Haute-Pierre";
    add("rota_visit",
        json{{"doctor_name", "Dr Agnès Vidal"}, {"doctor_title", "Médecin généraliste"},
             {"first_day", health::addDays(monday, 1)}, {"last_day", health::addDays(monday, 3)}, {"source", "staff"}},
        kMouthier);
    add("rota_hours",
        json{{"day", health::addDays(monday, 1)}, {"opens", "09:00"}, {"closes", "12:00"},
             {"doctor_name", "Dr Agnès Vidal"}, {"source", "staff"}},
        kMouthier);
    add("rota_hours",
        json{{"day", health::addDays(monday, 3)}, {"opens", "14:00"}, {"closes", "17:30"},
             {"doctor_name", "Dr Agnès Vidal"}, {"source", "staff"}},
        kMouthier);
    add("agenda_event",
        json{{"title", "Loto de la fanfare"}, {"place", "Salle des fêtes"}, {"description", ""},
             {"day", health::addDays(today, 3)}, {"starts_at", "20:30"}, {"ends_at", ""}, {"capacity", 0},
             {"price_cents", nullptr}, {"cancelled_at", nullptr}},
        kMouthier);
    add("agenda_event",
        json{{"title", "Marche des fontaines"}, {"place", "Devant la mairie"}, {"description", ""},
             {"day", health::addDays(today, 4)}, {"starts_at", "09:30"}, {"ends_at", "12:00"}, {"capacity", 0},
             {"price_cents", nullptr}, {"cancelled_at", nullptr}},
        "Lods");
    storage::SyncStore(db).applyPulled(changes, 0, now);
}

// A year of the demo village's past, as the impact report keeps it (storage/impact_count_store.h): invented
// monthly counts for the eleven months before this one, so that its chart and table show a kiosk that has served
// for a year. This month counts from the demo's own records.
void seedDemoImpactHistory(storage::Database& db, const Clock& clock) {
    struct MonthlyUse {
        const char* service;
        const char* kind;
        int uses;  // in a month of the middle of the year; the months around it vary from it
        int minutes;
    };
    static constexpr MonthlyUse kUses[] = {
        {"doctor", "check_ins", 38, 0},           {"relay", "parcels_handed_over", 54, 0},
        {"relay", "parcels_sent", 12, 0},         {"post_office", "postal_sales", 41, 0},
        {"bakery", "bread_orders", 66, 0},        {"events", "event_sign_ups", 22, 0},
        {"exchange", "time_bank_exchanges", 9, 810}, {"meals", "meals_served", 30, 0},
        {"meals", "meals_delivered", 72, 0},      {"grocery", "volunteer_hours", 14, 1680},
    };
    const std::string today = health::localDay(clock.nowMs());
    const std::string thisMonth = today.substr(0, 8) + "01";
    std::vector<storage::DayCount> counts;
    std::string firstOfMonth = thisMonth;
    for (int back = 1; back <= 11; ++back) {
        firstOfMonth = health::addDays(firstOfMonth, -1).substr(0, 8) + "01";
        const std::string day = firstOfMonth.substr(0, 8) + "15";
        // A quieter summer for the doctor and busier Decembers for parcels, as villages see them.
        const int month = std::stoi(day.substr(5, 2));
        for (const MonthlyUse& use : kUses) {
            int uses = use.uses + (back * 7) % 11 - 5;
            if (month == 12 && std::string(use.kind) == "parcels_handed_over") uses += 30;
            if ((month == 7 || month == 8) && std::string(use.service) == "doctor") uses -= 15;
            counts.push_back({day, use.service, use.kind, uses, use.minutes * uses / use.uses});
        }
    }
    storage::ImpactCountStore(db).keep(counts, health::addDays(thisMonth, -1), clock.nowMs());
}

// The seniors' meals: six fictitious recipients who agreed six weeks ago, two at the café and four delivered, with
// their diets; two members of the board drive this week's rounds; the past month's days confirmed served, with now and then
// someone absent, so that the count per funder has figures.
void seedDemoMeals(storage::Database& db, StaffService& staff, const Clock& clock) {
    const StaffSession& demo = systemActor(SystemActor::DemoData);
    auto directory = timebank::makeBoardMemberDirectory(db, clock, staff);
    hardware::PreviewPrinter noPaper;
    meals::SeniorMeals book(db, clock, staff, *directory, noPaper, "");
    const std::string today = health::localDay(clock.nowMs());
    const std::string registered = health::addDays(today, -42);
    struct DemoRecipient {
        const char* name;
        const char* mode;
        const char* address;
        const char* days;
        const char* diet;
        const char* funder;
        int order;
    };
    static constexpr DemoRecipient kRecipients[] = {
        {"Germaine Lebrun", "cafe", "", "mon,tue,wed,thu,fri", "sans sel", "CCAS", 0},
        {"Robert Chevalier", "cafe", "", "tue,thu", "", "CCAS", 0},
        {"Yvette Garnier", "home", "4 chemin des Vignes, Saint-Aubin", "mon,tue,wed,thu,fri", "mixé", "Département", 1},
        {"André Picard", "home", "12 route de la Forge, Les Forges", "mon,wed,fri", "sans sel", "Département", 2},
        {"Simone Texier", "home", "La Croix Blanche, Les Essarts", "mon,tue,wed,thu,fri", "diabétique", "CCAS", 3},
        {"Henri Bouvier", "home", "2 impasse du Lavoir, Saint-Aubin", "daily", "sans sel", "CCAS", 4},
    };
    std::vector<std::string> ids;
    for (const DemoRecipient& r : kRecipients) {
        meals::RecipientForm form{r.name, r.mode, r.address, *meals::parseWeekdays(r.days), r.diet, r.funder,
                                  registered, "Julien Girard", registered, "", r.order};
        const auto result = book.addRecipient(&demo, form);
        if (result.ok()) ids.push_back(result.recipient->id);
    }
    board::MemberRegistry registry(db, clock, staff, staff.pinHasher(), staff.policy());
    for (const auto& m : registry.list())
        if (m.displayName == "Paul Martin" || m.displayName == "Jean-Marc Lefèvre")
            for (int inDays = 0; inDays < 7; ++inDays) book.addDriver(&demo, health::addDays(today, inDays), m.id);
    for (int daysAgo = 30; daysAgo >= 1; --daysAgo) {
        std::vector<std::string> absent;
        if (daysAgo % 9 == 0 && ids.size() > 4) absent.push_back(ids[4]);
        book.confirmServed(&demo, health::addDays(today, -daysAgo), absent);
    }
}

// The grocery's shifts: last month's, done (most members short of nothing, two short of their hours, one absent),
// and this week's and next week's with sign-ups: one place offered for swap, a full delivery, an empty opening.
void seedDemoShifts(storage::Database& db, StaffService& staff, const Clock& clock) {
    const StaffSession& demo = systemActor(SystemActor::DemoData);
    auto directory = timebank::makeBoardMemberDirectory(db, clock, staff);
    board::MemberRegistry registry(db, clock, staff, staff.pinHasher(), staff.policy());
    const auto members = registry.list();
    const auto idOf = [&](const char* name) {
        for (const auto& member : members)
            if (member.displayName == name) return member.id;
        return std::string();
    };
    // Each shift is published and taken on the evening before its day, on a clock set back to then.
    class SetClock final : public Clock {
    public:
        std::int64_t nowMs() const override { return atMs; }
        std::int64_t atMs = 0;
    } then;
    shifts::VolunteerShifts book(db, then, staff, *directory);
    const std::string today = health::localDay(clock.nowMs());
    const std::string lastMonth = health::addDays(today.substr(0, 8) + "01", -1).substr(0, 8) + "01";
    struct DemoShift {
        bool inLastMonth;  // `days` counted from the first of last month, else from today
        int days;
        const char* kind;
        const char* from;
        const char* to;
        int places;
        const char* note;
        std::vector<const char*> who;
        const char* offeredBy;  // of `who`, the one offering their place for swap
        const char* absent;     // of `who`, marked absent afterwards
    };
    const std::vector<DemoShift> demoShifts{
        {true, 1, "opening", "09:00", "11:00", 2, "", {"Lucienne Fabre", "Marcel Roux"}, nullptr, nullptr},
        {true, 3, "delivery", "08:00", "09:30", 2, "", {"Odile Perrin", "Paul Martin"}, nullptr, "Paul Martin"},
        {true, 8, "stocking", "14:00", "16:00", 3, "", {"Lucienne Fabre", "Marie Dupont", "Odette Renaud"}, nullptr, nullptr},
        {true, 10, "opening", "09:00", "12:00", 2, "", {"Marcel Roux", "Jean-Marc Lefèvre"}, nullptr, nullptr},
        {true, 15, "delivery", "08:00", "10:00", 2, "", {"Odile Perrin", "Marie Dupont"}, nullptr, nullptr},
        {true, 20, "stocking", "14:00", "16:30", 2, "", {"Lucienne Fabre", "Jean-Marc Lefèvre"}, nullptr, nullptr},
        {false, -1, "opening", "09:00", "11:00", 2, "", {"Marcel Roux", "Paul Martin"}, nullptr, "Paul Martin"},
        {false, 1, "opening", "09:00", "11:00", 2, "Les clés sont chez Martine, au 3 rue de l’Église.", {"Marcel Roux"}, nullptr, nullptr},
        {false, 2, "stocking", "14:00", "16:00", 3, "Arrivage de pâtes et de conserves.", {"Odile Perrin", "Lucienne Fabre"}, "Odile Perrin", nullptr},
        {false, 3, "delivery", "08:00", "09:30", 2, "Produits laitiers de la Ferme des Tilleuls.", {"Marie Dupont", "Paul Martin"}, nullptr, nullptr},
        {false, 4, "opening", "16:00", "19:00", 2, "", {}, nullptr, nullptr},
        {false, 8, "delivery", "08:00", "10:00", 2, "", {"Odette Renaud"}, nullptr, nullptr},
        {false, 10, "stocking", "14:00", "16:00", 2, "", {"Jean-Marc Lefèvre"}, nullptr, nullptr},
    };
    for (const DemoShift& d : demoShifts) {
        const std::string day = health::addDays(d.inLastMonth ? lastMonth : today, d.days);
        const auto eveningBefore = health::localToUnixMs(health::addDays(day, -1), "19:00");
        if (!eveningBefore) continue;
        then.atMs = *eveningBefore;
        const auto published = book.publish(&demo, {d.kind, day, d.from, d.to, d.places, d.note});
        if (!published.ok()) continue;
        for (const char* name : d.who) {
            const auto place = book.signUp(&demo, published.shift->id, idOf(name), true);
            if (!place.ok()) continue;
            if (d.offeredBy && std::string(d.offeredBy) == name) book.offerForSwap(&demo, place.signUp->id);
            if (d.absent && std::string(d.absent) == name) {
                const auto after = health::localToUnixMs(day, d.to);
                if (!after) continue;
                then.atMs = *after;
                book.markAbsent(&demo, place.signUp->id);
                then.atMs = *eveningBefore;
            }
        }
    }
    book.setCommitment(&demo, idOf("Odette Renaud"), 60);
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
    seedDemoOutbox(db, clock.nowMs());
    seedDemoParcels(db, clock.nowMs());
    seedDemoBoard(db, staff, clock);
    staff.audit(&demo, "demo.seed");
    transaction.commit();
    seedDemoPostalSales(db, staff, clock);
    // After the commit: the time bank writes each exchange in a transaction of its own.
    seedDemoTimeBank(db, staff, clock);
    seedDemoOrders(db, staff, clock);
    seedDemoAgenda(db, staff, clock);
    seedDemoNeighbours(db, clock);
    seedDemoMeals(db, staff, clock);
    seedDemoShifts(db, staff, clock);
    // Last: it keeps the counts up to last month, which the other areas' demo records then no longer change.
    seedDemoImpactHistory(db, clock);
    return true;
}

const std::map<std::string, double>& demoDistancesKm() {
    static const std::map<std::string, double> distances{{"doctor", 14},  {"relay", 9},   {"post_office", 12},
                                                         {"bakery", 6},   {"grocery", 11}, {"events", 25},
                                                         {"meals", 8}};
    return distances;
}

}  // namespace vk::services
