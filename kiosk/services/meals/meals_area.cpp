#include "kiosk/services/meals/meals_area.h"

#include "kiosk/services/kiosk_config.h"
#include "kiosk/services/timebank/timebank_area.h"

namespace vk::services::meals {
namespace {

void readMealsSettings(SettingsReader& reader, AreaSettings& areas) {
    MealsSettings& settings = areas.get<MealsSettings>();
    std::string funder = settings.defaultFunder;
    reader.text("default_funder", funder, kMaxFunderLength);
    if (funder.empty()) reader.problem("default_funder", "must name a funder (CCAS, Département…)");
    else settings.defaultFunder = funder;
}

std::unique_ptr<AreaServices> makeMealsServices(const AreaContext& context) {
    return std::make_unique<MealsServices>(context);
}

std::unique_ptr<impact::UsageSource> makeMealsUsageSource(storage::Database& db) {
    return std::make_unique<MealsUsageSource>(db);
}

}  // namespace

MealsServices::MealsServices(const AreaContext& context, std::unique_ptr<timebank::MemberDirectory> members)
    : settings(context.config.areas.get<MealsSettings>()),
      members_(members ? std::move(members)
                       : timebank::makeBoardMemberDirectory(context.database, context.clock, context.staff)),
      meals(context.database, context.clock, context.staff, *members_, context.printer, context.config.villageName) {}

AreaDefinition mealsArea() {
    // A recipient's record is erased a year after their service ended; the counts of meals served stay.
    return {"meals", "meals", &readMealsSettings, {{"meals_days", 365}}, &makeMealsServices, &makeMealsUsageSource};
}

}  // namespace vk::services::meals
