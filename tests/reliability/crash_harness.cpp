// The kiosk's own writes, killed with SIGKILL at random moments (a power cut, an OOM kill, a technician's
// `kill -9`), then checked: the database passes PRAGMA integrity_check, each operation is there entirely or not at
// all (its rows and its audit line together), and nothing that was committed before is missing. Its sync rounds
// with the territory hub are checked too (crash_sync.h): the outbox keeps what the hub has not taken, nothing is
// pushed twice, the pull cursor passes nothing unapplied, and the next round after the kills completes.
//
//   reliability_crash --runs N [--seed S] [--work DIR] [--max-kill-ms M] [--sabotage | --sabotage-outbox]
//                     [--no-sync]
//
// Each run forks a child that opens the real KioskRuntime on the work folder's database and writes in a loop,
// telling the parent through a pipe when an operation begins ("B id") and when it has returned ("D id"); the
// parent kills it after a random delay and checks. It prints the figures (runs, failures, losses) and exits 1 on
// any failure or loss.

#include "crash_sync.h"
#include "kiosk/services/board/board_area.h"
#include "kiosk/services/health/health_area.h"
#include "kiosk/services/kiosk_runtime.h"
#include "kiosk/services/notifications/notifications_area.h"
#include "kiosk/services/orders/orders_area.h"
#include "kiosk/services/parcels/parcels_area.h"
#include "kiosk/services/postal/postal_area.h"
#include "kiosk/services/sync/sync_area.h"
#include "kiosk/services/timebank/timebank_area.h"
#include "net/http_client.h"
#include "net/loopback_servers.h"
#include "storage/outbox_store.h"
#include "storage/staff_store.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <chrono>
#include <csignal>
#include <ctime>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace vk;
using namespace vk::services;

namespace {

constexpr int kImportRows = 40;   // appointments in one CSV import
constexpr int kRotaVisits = 12;   // visits in one rota import
constexpr const char* kSharingMember = "Membre Partage";
enum class Kind {
    Staff, Appointments, Rota, Member, Post, Transfer, Backup,
    CheckIn, ParcelIntake, ParcelHandOver, PostalSale, OutboxSend, Order, SyncRound, Count
};
const char* kKindNames[] = {"staff add", "appointments import", "rota import", "board member", "board post",
                            "time bank transfer", "backup", "check-in", "parcel intake", "parcel hand-over",
                            "postal sale", "outbox send", "order", "sync round"};

std::string markerOf(long id) { return "K" + std::to_string(id); }
// The same id in letters, for a surname: the import matches rows by a key of the surname's letters only.
std::string surnameOf(long id) {
    std::string name = "Lot";
    for (const char digit : std::to_string(id)) name += static_cast<char>('a' + (digit - '0'));
    return name;
}
Kind kindOf(long id) { return static_cast<Kind>(id % static_cast<long>(Kind::Count)); }
// Surnames of the check-ins' appointments, parcels' tracking numbers and registered letters' numbers, from the id.
std::string checkInSurnameOf(long id) { return "Chk" + surnameOf(id).substr(3); }
std::string trackingOf(long id) {
    char number[24];
    std::snprintf(number, sizeof number, "MR%08ld", id);
    return number;
}
std::string letterNumberOf(long id) {
    char number[24];
    std::snprintf(number, sizeof number, "1A%011ld", id);
    return number;
}

// The local SMTP server the outbox sends to (STARTTLS, as the kiosk requires), started once by the parent.
struct MailServer {
    int port = 0;
    fs::path caFile;
    fs::path records;  // N.eml for each message it accepted
};

// The territory hub the sync rounds go to (crash_sync.h), started once by the parent; no url: no hub, no rounds.
struct Hub {
    std::string url;
};

fs::path credentialFileOf(const fs::path& work) { return work / "data" / "hub-credential"; }

KioskConfig configFor(const fs::path& work, const MailServer& mail, const Hub& hub) {
    KioskConfig config;
    config.dataDir = work / "data";
    config.demoData = false;
    if (!hub.url.empty()) {
        auto& sync = config.areas.get<sync::SyncSettings>();
        sync.hubUrl = hub.url;
        sync.credentialFile = credentialFileOf(work);
    }
    if (mail.port != 0) {
        auto& email = config.areas.get<notifications::NotificationSettings>().email;
        email.smtpUrl = "smtp://127.0.0.1:" + std::to_string(mail.port);
        email.from = "kiosque@example.fr";
        email.caFile = mail.caFile;
        email.timeoutSeconds = 10;
    }
    return config;
}

// "HH:MM" ten minutes from now (ten minutes ago near midnight), and today, as the check-in window sees them.
std::pair<std::string, std::string> appointmentSlotNearNow() {
    std::time_t at = std::time(nullptr) + 600;
    std::tm local{};
    localtime_r(&at, &local);
    const std::time_t now = std::time(nullptr);
    std::tm today{};
    localtime_r(&now, &today);
    if (local.tm_mday != today.tm_mday) {
        at = now - 600;
        localtime_r(&at, &local);
    }
    char day[16];
    char time[8];
    std::strftime(day, sizeof day, "%Y-%m-%d", &local);
    std::strftime(time, sizeof time, "%H:%M", &local);
    return {day, time};
}

[[noreturn]] void giveUp(const std::string& what) {
    std::cerr << "child: " << what << "\n";
    _exit(2);
}

void tell(int fd, char what, long id) {
    const std::string line = std::string(1, what) + " " + std::to_string(id) + "\n";
    if (write(fd, line.data(), line.size()) < 0) _exit(3);
}

// Visits on the coming days, inside the import's window whatever the date.
std::string rotaFeed(const std::string& marker) {
    std::string ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//crash//FR\r\n";
    for (int i = 0; i < kRotaVisits; ++i) {
        const std::time_t at = std::time(nullptr) + (i + 1) * 86400;
        std::tm local{};
        localtime_r(&at, &local);
        char day[16];
        std::strftime(day, sizeof day, "%Y%m%d", &local);
        ics += "BEGIN:VEVENT\r\nUID:" + marker + "-" + std::to_string(i) + "\r\nDTSTART;VALUE=DATE:" + day +
               "\r\nSUMMARY:Dr " + marker + " " + std::to_string(i) + "\r\nEND:VEVENT\r\n";
    }
    return ics + "END:VCALENDAR\r\n";
}

// Faults put in on purpose, so that the harness's own tests show it catches them: staff accounts written the way
// they were before the fix (the account and its audit line in two commits with a pause between them), or a shared
// post's change taken off the outbox before any round pushed it.
enum class Sabotage { None, StaffAudit, Outbox };

// The child: real services on the real file, one operation after another until it is killed.
[[noreturn]] void runChild(const fs::path& work, const MailServer& mail, const Hub& hub, long firstId, int fd,
                           Sabotage sabotage) {
    try {
        RuntimeOptions options{false, PinHasher::Strength::FastForTests, nullptr};
        KioskRuntime runtime(configFor(work, mail, hub), options);
        const StaffSession& admin = systemActor(SystemActor::CommandLine);
        auto& health = runtime.area<health::HealthServices>();
        auto& boardArea = runtime.area<board::BoardServices>();
        auto& timeBank = runtime.area<timebank::TimeBankServices>();
        // Two members for the transfers and the posts, made once (a run killed while making them makes them again).
        std::vector<std::string> members;
        for (const char* name : {"Membre Alpha", "Membre Beta"}) {
            auto found = boardArea.members.list(name, 1);
            if (found.empty() || found.front().displayName != name) {
                board::MemberForm form;
                form.name = name;
                form.village = "Essai";
                boardArea.members.add(&admin, form);
                found = boardArea.members.list(name, 1);
            }
            members.push_back(found.front().id);
        }
        // A member who agreed to share with the territory: her posts travel to the hub.
        std::string sharingMember;
        if (!hub.url.empty()) {
            auto found = boardArea.members.list(kSharingMember, 1);
            if (found.empty() || found.front().displayName != kSharingMember) {
                board::MemberForm form;
                form.name = kSharingMember;
                form.village = "Essai";
                form.consent.shareWithTerritory = true;
                boardArea.members.add(&admin, form);
                found = boardArea.members.list(kSharingMember, 1);
            }
            sharingMember = found.front().id;
        }
        auto& parcelsArea = runtime.area<parcels::ParcelsServices>();
        auto& postal = runtime.area<postal::PostalServices>();
        auto& outbox = runtime.area<notifications::NotificationServices>();
        auto& ordersArea = runtime.area<orders::OrdersServices>();
        const auto stamp = postal.counter.itemByCode("lettre_verte");
        const auto registered = postal.counter.itemByCode("recommande");
        if (!stamp || !registered) giveUp("the postal catalogue has no lettre_verte or recommande");
        // A baker who delivers every day, ordered from until the evening before: made once.
        std::string supplierId;
        std::string breadId;
        for (const auto& supplier : ordersArea.book.suppliers())
            if (supplier.name == "Fournil Essai") supplierId = supplier.id;
        if (supplierId.empty()) {
            orders::SupplierForm form;
            form.name = "Fournil Essai";
            form.deliveryDays = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
            form.cutoffTime = "23:59";
            form.cutoffDaysBefore = 1;
            const auto added = ordersArea.book.addSupplier(&admin, form);
            if (!added.ok()) giveUp("the supplier was refused: " + orders::describeError(added.error));
            supplierId = added.supplier->id;
        }
        for (const auto& item : ordersArea.book.catalogue(supplierId))
            if (item.name == "Baguette") breadId = item.id;
        if (breadId.empty()) {
            const auto added = ordersArea.book.addItem(&admin, supplierId, "Baguette", 120);
            if (!added.ok()) giveUp("the item was refused: " + orders::describeError(added.error));
            breadId = added.item->id;
        }
        // The first day an order can be for now (today's cut-off has passed: tomorrow, or the café's next open day).
        const std::string today = ordersArea.book.today();
        const auto advice = ordersArea.book.adviseDay(supplierId, today);
        const std::string orderDay = advice.error == orders::OrderError::None ? today : advice.nextPossibleDay;
        if (orderDay.empty()) giveUp("no day to order for");
        for (long id = firstId;; ++id) {
            const std::string marker = markerOf(id);
            if (kindOf(id) == Kind::OutboxSend && mail.port == 0) continue;  // no SMTP server to send to
            if (kindOf(id) == Kind::SyncRound && hub.url.empty()) continue;  // no hub to sync with
            // Operations with a preparation of their own (an appointment to check in, a parcel to hand over) say
            // they begin once it is done.
            if (kindOf(id) != Kind::CheckIn && kindOf(id) != Kind::ParcelHandOver) tell(fd, 'B', id);
            switch (kindOf(id)) {
            case Kind::Staff:
                if (sabotage == Sabotage::StaffAudit) {
                    storage::StaffStore(runtime.database).create("Staff " + marker, StaffRole::CafeManager, "-", 0);
                    std::this_thread::sleep_for(std::chrono::milliseconds(300));
                    runtime.staff.audit(&admin, "staff.account.create",
                                        {{"name", "Staff " + marker}, {"role_key", "staff.role.cafe_manager"}});
                    break;
                }
                runtime.staff.createAccount(&admin, "Staff " + marker, StaffRole::CafeManager, "4826");
                break;
            case Kind::Appointments: {
                std::string csv = "date,heure,nom,prénom,naissance,téléphone\n";
                for (int row = 0; row < kImportRows; ++row) {
                    char when[32];
                    std::snprintf(when, sizeof when, "2026-12-%02d,%02d:%02d", 1 + row % 9, 8 + row / 9, 10 + row % 9 * 5);
                    csv += std::string(when) + "," + surnameOf(id) + ",Prénom" + std::to_string(row) + ",,\n";
                }
                health.appointments.importCsv(&admin, csv);
                break;
            }
            case Kind::Rota: health.rota.importCalendar(rotaFeed(marker), "crash-test.ics", admin); break;
            case Kind::Member: {
                board::MemberForm form;
                form.name = "Membre " + marker;
                boardArea.members.add(&admin, form);
                break;
            }
            case Kind::Post: {
                board::PostForm form;
                form.memberId = members[0];
                form.category = board::defaultCategories().front();
                form.title = "Annonce " + marker;
                form.text = "Texte de l'annonce " + marker;
                boardArea.board.submit(form, &admin);
                break;
            }
            case Kind::Transfer: {
                timebank::TransferRequest request;
                request.payerMemberId = members[id % 2];
                request.providerMemberId = members[(id + 1) % 2];
                request.minutes = 30;
                request.what = "Échange " + marker;
                request.category = timeBank.settings.categories.front();
                request.idempotencyKey = marker;
                // The ledger's write, without the two receipts: drawing their previews takes longer than most kills
                // leave, and the print queue has crash tests of its own.
                timeBank.bank.transfer(&admin, request);
                break;
            }
            case Kind::Backup: runtime.database.backupTo(work / "backups" / (marker + ".db")); break;
            case Kind::CheckIn: {
                // The appointment is made before the operation begins; the operation is the check-in itself.
                const auto [day, time] = appointmentSlotNearNow();
                health::AppointmentInput input{day, time, checkInSurnameOf(id), "Prénom", "", "", ""};
                const auto added = health.appointments.add(&admin, input);
                if (!added.appointment || !added.appointment->code) giveUp("the appointment was refused");
                const std::string code = *added.appointment->code;
                tell(fd, 'B', id);
                const auto checkedIn = health.checkIn.byCode(code);
                if (checkedIn.outcome != health::CheckInOutcome::CheckedIn) giveUp("the check-in was refused");
                break;
            }
            case Kind::ParcelIntake: {
                // With a phone number, so that the arrival SMS is queued in the same transaction.
                parcels::IntakeInput input{trackingOf(id), "mondial-relay", "Destinataire " + marker, "0612345678", "", "SOL"};
                const auto received = parcelsArea.desk.receive(&admin, input);
                if (!received.ok()) giveUp(std::string("the parcel was refused: ") + parcels::errorKey(received.error));
                break;
            }
            case Kind::ParcelHandOver: {
                // The parcel comes in before the operation begins; the operation is handing it over.
                parcels::IntakeInput input{trackingOf(id), "mondial-relay", "Destinataire " + marker, "", "", "SOL"};
                // A run killed after this intake and before the hand-over began makes it again: it is there.
                const auto received = parcelsArea.desk.receive(&admin, input);
                if (!received.ok() && received.error != parcels::ParcelError::AlreadyOnShelf)
                    giveUp(std::string("the parcel was refused: ") + parcels::errorKey(received.error));
                tell(fd, 'B', id);
                parcels::HandOverInput handOver;
                handOver.parcelIds = {received.parcel->id};
                handOver.idChecked = true;
                const auto handed = parcelsArea.desk.handOver(&admin, handOver);
                if (!handed.ok()) giveUp(std::string("the hand-over was refused: ") + parcels::errorKey(handed.error));
                break;
            }
            case Kind::PostalSale: {
                postal::SaleRequest request;
                request.lines = {{stamp->id, 3}};
                request.letters = {{registered->id, letterNumberOf(id), "Essai"}};
                request.method = storage::PaymentMethod::Card;
                const auto sold = postal.counter.sell(&admin, request);
                if (!sold.ok()) giveUp("the sale was refused: " + postal::postalErrorMessage(sold.error));
                break;
            }
            case Kind::OutboxSend: {
                // Queued as an area does (in a transaction), then sent at once to the local SMTP server.
                runtime.staff.inTransaction([&] {
                    storage::OutgoingMessage message;
                    message.channel = storage::OutboxChannel::Email;
                    message.recipient = "resident@example.fr";
                    message.subject = "Envoi " + marker;
                    message.body = "Message " + marker;
                    message.purpose = "crash.test";
                    message.dedupeKey = "crash:" + marker;
                    storage::OutboxStore(runtime.database).enqueue(message, runtime.clock.nowMs());
                });
                outbox.sendDueNow();
                break;
            }
            case Kind::Order: {
                orders::PlaceRequest request;
                request.supplierId = supplierId;
                request.customer.name = "Client " + marker;
                request.day = orderDay;
                request.items = {{breadId, 2}};
                request.dedupeKey = marker;
                const auto placed = ordersArea.book.place(&admin, request);
                if (!placed.ok()) giveUp("the order was refused: " + orders::describeError(placed.error));
                break;
            }
            case Kind::SyncRound: {
                // A shared change, then a whole round: push the outbox, pull what the other kiosk posted.
                board::PostForm form;
                form.memberId = sharingMember;
                form.category = board::defaultCategories().front();
                form.title = "Partage " + marker;
                form.text = "Annonce du territoire " + marker;
                boardArea.board.submit(form, &admin);
                // An outbox that drops a change before the hub took it, for the harness's own test.
                if (sabotage == Sabotage::Outbox)
                    runtime.database.sql().exec("DELETE FROM sync_change WHERE table_name = 'board_post' AND record_id IN "
                                                "(SELECT id FROM board_post WHERE title = 'Partage " + marker + "')");
                const auto round = runtime.area<sync::SyncServices>().service.runRound(net::HttpClient{});
                if (!round.ok) giveUp("the sync round failed: " + round.error);
                break;
            }
            case Kind::Count: break;
            }
            tell(fd, 'D', id);
        }
    } catch (const std::exception& e) {
        std::cerr << "child: " << e.what() << "\n";
        _exit(2);
    }
}

// The messages the SMTP server accepted, by subject marker ("Envoi K123"): how many times each came.
std::map<std::string, int> mailReceived(const MailServer& mail) {
    std::map<std::string, int> received;
    for (int n = 1; fs::exists(mail.records / (std::to_string(n) + ".eml")); ++n) {
        const std::string text = test::readFile(mail.records / (std::to_string(n) + ".eml"));
        const auto at = text.find("Subject: Envoi ");
        if (at == std::string::npos) continue;
        const auto end = text.find_first_of("\r\n", at);
        ++received[text.substr(at + 15, end - at - 15)];
    }
    return received;
}

int count(SQLite::Database& db, const std::string& sql, const std::string& value) {
    return test::crash::countOf(db, sql, value);
}

// The audit lines by action and the detail field that names the operation, read in one pass after each kill:
// looking each operation's line up with json_extract read the whole log once per operation, which made the checks
// of a long run grow with the square of its length.
class AuditLines {
public:
    explicit AuditLines(SQLite::Database& db) {
        SQLite::Statement query(db,
            "SELECT CASE WHEN action LIKE 'parcels.hand_over%' THEN 'parcels.hand_over' ELSE action END, "
            "CAST(CASE action WHEN 'staff.account.create' THEN json_extract(detail, '$.name') "
            "WHEN 'board.member.add' THEN json_extract(detail, '$.member') "
            "WHEN 'board.post.submit' THEN json_extract(detail, '$.title') "
            "WHEN 'health.check_in' THEN json_extract(detail, '$.ticket') "
            "WHEN 'postal.sale_registered' THEN json_extract(detail, '$.letters') "
            "WHEN 'orders.place' THEN json_extract(detail, '$.customer') "
            "ELSE json_extract(detail, '$.tracking') END AS TEXT) FROM audit_log WHERE action IN ("
            "'staff.account.create', 'board.member.add', 'board.post.submit', 'health.check_in', 'parcels.receive', "
            "'parcels.hand_over', 'parcels.hand_over_to_someone_else', 'postal.sale_registered', 'orders.place')");
        while (query.executeStep()) ++lines_[{query.getColumn(0).getString(), query.getColumn(1).getString()}];
    }
    // Lines of `action` (the hand-overs of both kinds as 'parcels.hand_over') that name `value`.
    int count(const std::string& action, const std::string& value) const {
        const auto found = lines_.find({action, value});
        return found == lines_.end() ? 0 : found->second;
    }

private:
    std::map<std::pair<std::string, std::string>, int> lines_;
};

// How much of operation `id` is in the database: 0 (nothing), 1 (all of it with its audit line), or -1 (a part).
// `returned`: the operation returned before the kill (an outbox send is then sent, not only queued).
int presence(SQLite::Database& db, const AuditLines& audit, const fs::path& work,
             const std::map<std::string, int>& mail, long id, bool returned) {
    const std::string m = markerOf(id);
    auto whole = [](int rows, int expected, int audited) {
        if (rows == 0 && audited == 0) return 0;
        return rows == expected && audited == 1 ? 1 : -1;
    };
    switch (kindOf(id)) {
    case Kind::Staff:
        return whole(count(db, "SELECT count(*) FROM staff_account WHERE display_name = 'Staff ' || ?", m), 1,
                     audit.count("staff.account.create", "Staff " + m));
    // An import's audit line names no row of it: the lines are counted against the imports in auditMatches.
    case Kind::Appointments: {
        const int rows = count(db, "SELECT count(*) FROM appointment WHERE surname = ?", surnameOf(id));
        return whole(rows, kImportRows, rows == 0 ? 0 : 1);
    }
    case Kind::Rota: {
        const int rows = count(db, "SELECT count(*) FROM rota_visit WHERE doctor_name LIKE 'Dr ' || ? || ' %'", m);
        return whole(rows, kRotaVisits, rows == 0 ? 0 : 1);
    }
    case Kind::Member:
        return whole(count(db, "SELECT count(*) FROM member WHERE display_name = 'Membre ' || ?", m), 1,
                     audit.count("board.member.add", "Membre " + m));
    case Kind::Post:
        return whole(count(db, "SELECT count(*) FROM board_post WHERE title = 'Annonce ' || ?", m), 1,
                     audit.count("board.post.submit", "Annonce " + m));
    case Kind::SyncRound:
        return whole(count(db, "SELECT count(*) FROM board_post WHERE title = 'Partage ' || ?", m), 1,
                     audit.count("board.post.submit", "Partage " + m));
    case Kind::Transfer: {
        const int transfers = count(db, "SELECT count(*) FROM time_bank_transfer WHERE idempotency_key = ?", m);
        const int movements = count(db, "SELECT count(*) FROM time_bank_movement WHERE transfer_id IN "
                                        "(SELECT id FROM time_bank_transfer WHERE idempotency_key = ?)", m);
        if (transfers == 0 && movements == 0) return 0;
        return transfers == 1 && movements == 2 ? 1 : -1;
    }
    case Kind::Backup: {
        const fs::path copy = work / "backups" / (m + ".db");
        if (!fs::exists(copy)) return 0;
        // Never a half-written destination: a copy that is there is whole.
        SQLite::Database backup(copy.string(), SQLite::OPEN_READONLY);
        return backup.execAndGet("PRAGMA integrity_check").getString() == "ok" ? 1 : -1;
    }
    // Checked in: a ticket, arrived, and the ticket's audit line (whose count auditMatches keeps one for one).
    case Kind::CheckIn: {
        const std::string surname = checkInSurnameOf(id);
        const int tickets =
            count(db, "SELECT count(*) FROM appointment WHERE surname = ? AND ticket IS NOT NULL", surname);
        const int arrived =
            count(db, "SELECT count(*) FROM appointment WHERE surname = ? AND status = 'arrived'", surname);
        int lines = 0;
        SQLite::Statement ticketsOf(db, "SELECT CAST(ticket AS TEXT) FROM appointment WHERE surname = ? AND "
                                        "ticket IS NOT NULL");
        ticketsOf.bind(1, surname);
        while (ticketsOf.executeStep()) lines += audit.count("health.check_in", ticketsOf.getColumn(0).getString());
        if (tickets == 0 && arrived == 0) return 0;
        return tickets == 1 && arrived == 1 && lines >= 1 ? 1 : -1;
    }
    // The parcel, its audit line and its arrival SMS in the outbox.
    case Kind::ParcelIntake: {
        const std::string tracking = trackingOf(id);
        const int parcels = count(db, "SELECT count(*) FROM parcel WHERE tracking = ?", tracking);
        const int lines = audit.count("parcels.receive", tracking);
        const int messages = count(db, "SELECT count(*) FROM outbox_message m JOIN parcel p ON m.related_id = p.id "
                                       "WHERE p.tracking = ?", tracking);
        if (parcels == 0 && lines == 0 && messages == 0) return 0;
        return parcels == 1 && lines == 1 && messages == 1 ? 1 : -1;
    }
    // Handed over: picked up with its audit line, or still on the shelf without one.
    case Kind::ParcelHandOver: {
        const std::string tracking = trackingOf(id);
        const int pickedUp = count(db, "SELECT count(*) FROM parcel WHERE tracking = ? AND status = 'picked_up' "
                                       "AND picked_up_at IS NOT NULL", tracking);
        const int onShelf = count(db, "SELECT count(*) FROM parcel WHERE tracking = ? AND status = 'on_shelf' "
                                      "AND picked_up_at IS NULL", tracking);
        const int lines = audit.count("parcels.hand_over", tracking);
        if (onShelf == 1 && pickedUp == 0 && lines == 0) return 0;
        return pickedUp == 1 && onShelf == 0 && lines == 1 ? 1 : -1;
    }
    // The sale, both its lines, the registered letter and the audit line.
    case Kind::PostalSale: {
        const std::string number = letterNumberOf(id);
        const int letters = count(db, "SELECT count(*) FROM postal_registered_letter WHERE number = ?", number);
        const int lines = count(db, "SELECT count(*) FROM postal_sale_line WHERE sale_id IN (SELECT sale_id FROM "
                                    "postal_registered_letter WHERE number = ?)", number);
        const int audited = audit.count("postal.sale_registered", number);
        if (letters == 0 && lines == 0 && audited == 0) return 0;
        return letters == 1 && lines == 2 && audited == 1 ? 1 : -1;
    }
    // Queued whole; once the send returned, marked sent and received by the server. A message marked sent that
    // the server never received would be a message lost.
    case Kind::OutboxSend: {
        const std::string key = "crash:" + markerOf(id);
        const int queued = count(db, "SELECT count(*) FROM outbox_message WHERE dedupe_key = ?", key);
        const int sent = count(db, "SELECT count(*) FROM outbox_message WHERE dedupe_key = ? AND state = 'sent' "
                                   "AND sent_at IS NOT NULL", key);
        const auto got = mail.find(markerOf(id));
        const bool received = got != mail.end() && got->second > 0;
        if (queued == 0) return received ? -1 : 0;
        if (queued != 1) return -1;
        if (sent == 1 && !received) return -1;
        if (returned && sent != 1) return -1;
        return 1;
    }
    case Kind::Order: {
        const std::string key = markerOf(id);
        const int placed = count(db, "SELECT count(*) FROM orders_order WHERE dedupe_key = ?", key);
        const int lines = count(db, "SELECT count(*) FROM orders_order_line WHERE order_id IN (SELECT id FROM "
                                    "orders_order WHERE dedupe_key = ?)", key);
        const int audited = audit.count("orders.place", "Client " + key);
        if (placed == 0 && lines == 0 && audited == 0) return 0;
        return placed == 1 && lines == 1 && audited == 1 ? 1 : -1;
    }
    case Kind::Count: break;
    }
    return -1;
}

// One audit line per import that is there, and none for an import that is not.
bool auditMatches(SQLite::Database& db, std::string& why) {
    const int imports = db.execAndGet("SELECT count(DISTINCT surname) FROM appointment WHERE surname GLOB 'Lot*'").getInt();
    const int importLines = db.execAndGet("SELECT count(*) FROM audit_log WHERE action = 'health.import'").getInt();
    const int rotas = db.execAndGet("SELECT count(DISTINCT substr(doctor_name, 4, instr(substr(doctor_name, 4), ' '))) "
                                    "FROM rota_visit WHERE doctor_name GLOB 'Dr K[0-9]*'").getInt();
    const int rotaLines = db.execAndGet("SELECT count(*) FROM audit_log WHERE action = 'rota.import'").getInt();
    const int checkIns =
        db.execAndGet("SELECT count(*) FROM appointment WHERE surname GLOB 'Chk*' AND ticket IS NOT NULL").getInt();
    const int checkInLines = db.execAndGet("SELECT count(*) FROM audit_log WHERE action = 'health.check_in'").getInt();
    if (imports == importLines && rotas == rotaLines && checkIns == checkInLines) return true;
    why = std::to_string(imports) + " appointment imports, " + std::to_string(importLines) + " audit lines; " +
          std::to_string(rotas) + " rota imports, " + std::to_string(rotaLines) + " audit lines; " +
          std::to_string(checkIns) + " check-ins, " + std::to_string(checkInLines) + " audit lines";
    return false;
}

struct Options {
    int runs = 50;
    unsigned seed = 0;
    fs::path work;
    int maxKillMs = 400;
    Sabotage sabotage = Sabotage::None;
    bool sync = true;
};

}  // namespace

int main(int argc, char** argv) {
    Options options;
    options.seed = static_cast<unsigned>(std::random_device{}());
    for (int i = 1; i < argc; i += 2) {
        const std::string flag = argv[i];
        if (flag == "--sabotage" || flag == "--sabotage-outbox" || flag == "--no-sync") {
            if (flag == "--no-sync") options.sync = false;
            else options.sabotage = flag == "--sabotage" ? Sabotage::StaffAudit : Sabotage::Outbox;
            --i;
            continue;
        }
        if (i + 1 >= argc) {
            std::cerr << "reliability_crash: " << flag << " needs a value\n";
            return 2;
        }
        if (flag == "--runs") options.runs = std::stoi(argv[i + 1]);
        else if (flag == "--seed") options.seed = static_cast<unsigned>(std::stoul(argv[i + 1]));
        else if (flag == "--work") options.work = argv[i + 1];
        else if (flag == "--max-kill-ms") options.maxKillMs = std::stoi(argv[i + 1]);
        else {
            std::cerr << "usage: reliability_crash [--runs N] [--seed S] [--work DIR] [--max-kill-ms M] [--sabotage] "
                         "[--sabotage-outbox] [--no-sync]\n";
            return 2;
        }
    }
    if (options.work.empty()) options.work = fs::temp_directory_path() / ("vk-crash-" + std::to_string(getpid()));
    fs::remove_all(options.work);
    fs::create_directories(options.work / "backups");
    std::cout << "crash harness: " << options.runs << " runs, seed " << options.seed << ", work " << options.work
              << std::endl;  // before any child process: else a child's copy of the buffer comes out too

    // The outbox sends to a real SMTP server on 127.0.0.1 (Debian's python3-aiosmtpd), with STARTTLS and a
    // certificate of its own, as the kiosk requires; it outlives every child.
    MailServer mail;
    std::unique_ptr<test::SmtpTestServer> smtp;
    if (test::haveAiosmtpd() && test::haveOpenssl()) {
        fs::create_directories(options.work / "smtp");
        const auto certificate = test::makeTestCertificate(options.work / "smtp");
        smtp = std::make_unique<test::SmtpTestServer>(options.work / "smtp", test::SmtpTestServer::Tls::StartTls,
                                                      &certificate);
        mail = {smtp->port(), certificate.cert, options.work / "smtp" / "mail"};
    } else {
        std::cout << "outbox sends not tried: /usr/bin/python3 with aiosmtpd, or openssl, is missing "
                     "(./install-deps.sh --tests)\n";
    }

    // The sync rounds go to the real village-hub on 127.0.0.1; a second kiosk posts between the runs.
    std::cout.flush();
    Hub hub;
    std::unique_ptr<test::crash::CrashHub> crashHub;
    if (options.sync) {
        std::string whyNot;
        crashHub = test::crash::CrashHub::start(options.work, credentialFileOf(options.work), whyNot);
        if (crashHub) hub.url = crashHub->url();
        else std::cout << "sync rounds not tried: " << whyNot << "\n";
    }

    std::mt19937 random(options.seed);
    std::set<long> committed;  // operations that returned before a kill: they must stay, whole
    long nextId = 0;
    int failures = 0;
    int losses = 0;
    int halfDone = 0;
    int killedMidOperation = 0;
    int syncFailures = 0;
    std::map<int, int> doneByKind;
    std::map<int, int> killedByKind;
    double checkSeconds = 0;
    double integritySeconds = 0;
    const auto started = std::chrono::steady_clock::now();
    const auto secondsSince = [](std::chrono::steady_clock::time_point since) {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
    };
    for (int run = 0; run < options.runs; ++run) {
        if (crashHub) {
            if (const auto error = crashHub->otherKioskPosts("Voisin R" + std::to_string(run)); !error.empty()) {
                std::cout << "run " << run << ": the other kiosk's round failed: " << error << "\n";
                ++failures;
            }
        }
        int pipeFds[2];
        if (pipe(pipeFds) != 0) return 2;
        std::cout.flush();  // else the child's copy of the buffer could come out twice
        const long firstId = nextId;
        const pid_t child = fork();
        if (child == 0) {
            close(pipeFds[0]);
            runChild(options.work, mail, hub, firstId, pipeFds[1], options.sabotage);
        }
        close(pipeFds[1]);
        // The first run waits long enough for the database to be made; then anywhere from opening to mid-write.
        const int delayMs = std::uniform_int_distribution<int>(run == 0 ? 300 : 5, options.maxKillMs)(random);
        std::this_thread::sleep_for(std::chrono::milliseconds(delayMs));
        kill(child, SIGKILL);
        int status = 0;
        waitpid(child, &status, 0);
        std::string told;
        char buffer[4096];
        for (ssize_t n; (n = read(pipeFds[0], buffer, sizeof buffer)) > 0;) told.append(buffer, static_cast<std::size_t>(n));
        close(pipeFds[0]);
        if (!(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)) {
            std::cout << "run " << run << ": the child ended by itself (status " << status << ") before the kill\n";
            ++failures;
        }
        const auto checking = std::chrono::steady_clock::now();
        std::set<long> begun;
        std::set<long> done;
        std::istringstream lines(told);
        for (std::string what; lines >> what;) {
            long id = 0;
            lines >> id;
            (what == "B" ? begun : done).insert(id);
            nextId = std::max(nextId, id + 1);
        }
        for (const long id : done) {
            committed.insert(id);
            ++doneByKind[static_cast<int>(kindOf(id))];
        }
        // What returned in this run is checked now; everything committed before, every 50 runs and at the end (it
        // was whole when it returned, and rechecking all of it after every kill made long runs quadratic).
        const bool lastRun = run + 1 == options.runs;
        const bool everything = (run + 1) % 50 == 0 || lastRun;
        bool runFailed = false;
        const auto received = mailReceived(mail);
        try {
            SQLite::Database db((options.work / "data" / "village-kiosk.db").string(), SQLite::OPEN_READWRITE);
            // Killed before the first migration was committed: an empty file, and nothing to lose yet.
            if (!db.tableExists("kiosk_meta") && committed.empty()) {
                checkSeconds += secondsSince(checking);
                continue;
            }
            const auto integrityStarted = std::chrono::steady_clock::now();
            const std::string check = db.execAndGet("PRAGMA integrity_check").getString();
            integritySeconds += secondsSince(integrityStarted);
            if (check != "ok") {
                std::cout << "run " << run << ": integrity_check says " << check << "\n";
                runFailed = true;
            }
            const AuditLines audit(db);
            if (std::string why; !auditMatches(db, why)) {
                std::cout << "run " << run << ": imports and their audit lines differ: " << why << "\n";
                runFailed = true;
            }
            for (const long id : everything ? committed : done) {
                const int there = presence(db, audit, options.work, received, id, true);
                if (there != 1) {
                    std::cout << "run " << run << ": committed " << kKindNames[static_cast<int>(kindOf(id))] << " "
                              << markerOf(id) << (there == 0 ? " is missing" : " is there only in part") << "\n";
                    ++losses;
                    runFailed = true;
                }
            }
            for (const long id : begun) {
                if (done.count(id) != 0) continue;
                ++killedMidOperation;
                ++killedByKind[static_cast<int>(kindOf(id))];
                if (presence(db, audit, options.work, received, id, false) == -1) {
                    std::cout << "run " << run << ": " << kKindNames[static_cast<int>(kindOf(id))] << " "
                              << markerOf(id) << " killed midway is there in part\n";
                    ++halfDone;
                    runFailed = true;
                }
            }
            for (const auto& problem : crashHub ? crashHub->problems(db, kSharingMember) : std::vector<std::string>{}) {
                std::cout << "run " << run << ": sync: " << problem << "\n";
                ++syncFailures;
                runFailed = true;
            }
        } catch (const std::exception& e) {
            // Before the first commit of the first run there may be no database yet: that is not a failure.
            if (run > 0 || fs::exists(options.work / "data" / "village-kiosk.db")) {
                std::cout << "run " << run << ": the database cannot be read after the kill: " << e.what() << "\n";
                runFailed = true;
            }
        }
        checkSeconds += secondsSince(checking);
        if (runFailed) ++failures;
        if ((run + 1) % 50 == 0)
            std::cerr << "run " << run + 1 << "/" << options.runs << ": " << committed.size() << " committed, "
                      << killedMidOperation << " killed midway, " << failures << " failures, "
                      << static_cast<int>(secondsSince(started)) << " s\n";
    }
    // After the last kill, one more round must complete: the outbox empties, the hub has every shared post once,
    // and the other kiosk receives them all.
    if (crashHub) {
        bool ok = false;
        std::cout << "sync after the last kill: " << crashHub->lastRound(options.work / "data", "Partage K*", ok) << "\n";
        if (!ok) {
            std::cout << "sync: the round after the last kill did not bring every shared post to the hub once\n";
            ++syncFailures;
            ++failures;
        }
    }
    std::cout << "by kind, committed / killed midway:";
    for (int kind = 0; kind < static_cast<int>(Kind::Count); ++kind)
        std::cout << (kind == 0 ? " " : ", ") << kKindNames[kind] << " " << doneByKind[kind] << " / "
                  << killedByKind[kind];
    std::cout << "\noperations committed " << committed.size() << ", killed midway " << killedMidOperation << "\n";
    int sentTwice = 0;
    for (const auto& [marker, times] : mailReceived(mail)) sentTwice += times > 1 ? 1 : 0;
    // A kill between the server's « 250 » and the row marked sent sends it again with the same Message-ID.
    std::cout << "e-mails received twice (the same Message-ID, killed after the server took it): " << sentTwice << "\n";
    smtp.reset();
    std::cout << "checks " << static_cast<int>(checkSeconds) << " s (integrity_check " << static_cast<int>(integritySeconds)
              << " s) of " << static_cast<int>(secondsSince(started)) << " s\n";
    std::cout << "runs " << options.runs << ", failures " << failures << ", losses " << losses << ", half-done "
              << halfDone << ", sync problems " << syncFailures << "\n";
    if (failures == 0) fs::remove_all(options.work);
    crashHub.reset();
    return failures == 0 && losses == 0 && halfDone == 0 ? 0 : 1;
}
