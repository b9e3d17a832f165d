#pragma once
// Meals for isolated seniors as an area (docs/meals.md): its [meals] section, the retention of its register
// (meals_days), its services and what the impact report counts of it (service "meals", kinds "meals_served" and
// "meals_delivered").

#include "kiosk/services/area.h"
#include "kiosk/services/meals/senior_meals.h"

#include <memory>

namespace vk::services::meals {

// The [meals] section of kiosk.toml (docs/configuration.md).
struct MealsSettings {
    // The funder a new recipient's form starts with ("CCAS"); the staff can type another.
    std::string defaultFunder = "CCAS";
};

class MealsServices : public AreaServices {
public:
    // `members` null: the board's members (the time bank's directory of them).
    explicit MealsServices(const AreaContext& context, std::unique_ptr<timebank::MemberDirectory> members = nullptr);
    timebank::MemberDirectory& members() { return *members_; }

    const MealsSettings settings;

private:
    std::unique_ptr<timebank::MemberDirectory> members_;

public:
    SeniorMeals meals;
};

AreaDefinition mealsArea();

}  // namespace vk::services::meals
