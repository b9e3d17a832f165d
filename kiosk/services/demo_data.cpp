#include "kiosk/services/demo_data.h"

#include "storage/village_info_store.h"

#include <SQLiteCpp/Transaction.h>

namespace vk::services {
namespace {

constexpr DemoAccount kDemoAccounts[] = {
    {"Claire Moreau", StaffRole::MedicalAssistant, "2580"},
    {"Julien Girard", StaffRole::CafeManager, "1357"},
    {"Technicien Asso", StaffRole::Admin, "7391"},
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

}  // namespace

std::span<const DemoAccount> demoAccounts() { return kDemoAccounts; }

bool seedDemoDataIfEmpty(storage::Database& db, StaffService& staff, const Clock& clock) {
    if (!staff.accounts().empty()) return false;
    storage::VillageInfoStore villageInfo(db);
    if (!villageInfo.listLive().empty()) return false;

    SQLite::Transaction transaction(db.sql());
    for (const DemoAccount& account : kDemoAccounts) staff.createAccount(nullptr, account.name, account.role, account.pin);
    int order = 0;
    for (const DemoInfo& info : kDemoInfo) villageInfo.create(info.title, info.body, order++, clock.nowMs());
    staff.audit(nullptr, "demo.seed", "demo village data");
    transaction.commit();
    return true;
}

}  // namespace vk::services
