#include "kiosk/app/app_state.h"
#include "kiosk/app/kiosk_services.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/screens/orders/orders_screens.h"
#include "kiosk/screens/shifts/shifts_screens.h"
#include "kiosk/screens/orders/orders_ui.h"
#include "kiosk/screens/staff/staff_screens.h"
#include "kiosk/screens/timebank/member_identification.h"
#include "kiosk/services/board/board_area.h"
#include "kiosk/ui/on_screen_keyboard.h"
#include "kiosk/services/speech/spoken_sentences.h"
#include "kiosk/services/user_text.h"
#include "kiosk/ui/widgets.h"
#include "storage/record_id.h"

#include <algorithm>
#include <charconv>
#include <map>

namespace vk::screens {

using i18n::tr;
using i18n::trf;
using i18n::trn;
namespace orders = services::orders;

namespace {

// At most this many days are offered, as big buttons; the next ones are a week away anyway.
constexpr std::size_t kDaysShown = 8;

// An order at the kiosk, one question a step: who (card, or name and code; at the counter, also a name typed for a
// one-off), which supplier, which day, how many of what (a keypad for the quantity), then a summary to confirm.
struct Form {
    enum class Step { Customer, OneOffName, Supplier, Day, Items, Confirm, Done };
    Step step = Step::Customer;
    MemberIdentification identify{[](app::ScreenContext& context) -> services::timebank::MemberDirectory& {
        return orders_ui::ordersOf(context.services).members();
    }};
    orders::Customer customer;
    ui::KeyboardState keyboard{ui::KeyboardPage::Letters, true};
    // At the counter, the members whose name starts as typed: a phone order for a member needs no code.
    std::string matchesFor;
    std::vector<services::board::Member> matches;
    std::vector<orders::Supplier> suppliers;
    std::optional<orders::Supplier> supplier;
    std::vector<std::string> days;
    std::string day;
    std::vector<orders::CatalogueItem> items;
    std::map<std::string, std::string> quantities;  // item id → digits typed
    std::string selectedItem;
    // One per confirmation: a second tap on « Commander » finds the same key and orders nothing more.
    std::string dedupeKey;
    std::string message;
    std::optional<orders::OrderResult> result;
};

int digitsValue(const std::string& digits) {
    int value = 0;
    std::from_chars(digits.data(), digits.data() + digits.size(), value);
    return value;
}

std::int64_t totalCents(const Form& form) {
    std::int64_t total = 0;
    for (const auto& item : form.items) {
        const auto found = form.quantities.find(item.id);
        if (found != form.quantities.end()) total += item.priceCents * digitsValue(found->second);
    }
    return total;
}

bool anyQuantity(const Form& form) {
    return std::any_of(form.quantities.begin(), form.quantities.end(),
                       [](const auto& entry) { return digitsValue(entry.second) > 0; });
}

const services::StaffSession& actorOf(app::ScreenContext& context) {
    // A resident alone at the kiosk orders as the kiosk; at the counter, the signed-in manager does.
    return context.state.staff ? *context.state.staff : services::systemActor(services::SystemActor::Kiosk);
}

void chooseSupplier(app::ScreenContext& context, Form& form, const orders::Supplier& supplier) {
    auto& area = orders_ui::ordersOf(context.services);
    form.supplier = supplier;
    form.days.clear();
    if (const auto calendar = area.book.calendarOf(supplier.id))
        form.days = calendar->possibleDays(context.services.clock.nowMs(), area.settings.daysAhead);
    if (form.days.size() > kDaysShown) form.days.resize(kDaysShown);
    form.items = area.book.catalogue(supplier.id);
    form.quantities.clear();
    form.selectedItem = form.items.empty() ? std::string() : form.items.front().id;
    form.message = form.days.empty() ? tr("orders.no_next_day") : std::string();
    form.step = Form::Step::Day;
}

void drawCustomerLine(const Form& form) {
    std::string line = trf("orders.order.for", {{"name", form.customer.name}});
    if (form.supplier) line += "  ·  " + form.supplier->name;
    if (!form.day.empty()) line += "  ·  " + orders_ui::dayLabel(form.day);
    ui::text(line, ui::fonts().body, ui::colors::kTextMuted);
}

constexpr std::size_t kMatchesShown = 3;

void drawOneOffName(app::ScreenContext& context, Form& form) {
    const ImVec2 area = ImGui::GetContentRegionAvail();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ui::text(tr("orders.order.one_off_question"), ui::fonts().title);
    ui::textField("orders.one_off_name", form.customer.name, tr("orders.order.one_off_name"), true, false, area.x);
    if (form.matchesFor != form.customer.name) {
        // Looked up when the name changes, not every frame.
        form.matchesFor = form.customer.name;
        form.matches.clear();
        if (services::countCodepoints(form.customer.name) >= 2)
            form.matches = context.services.area<services::board::BoardServices>().members.list(form.customer.name,
                                                                                                static_cast<int>(kMatchesShown));
    }
    const float gap = ui::em(0.5f);
    const ImVec2 matchSize((area.x - gap * (kMatchesShown - 1)) / kMatchesShown, ui::em(2.0f));
    if (form.matches.empty()) {
        ui::textWrapped(tr("orders.order.members_hint"), area.x, ui::fonts().body, ui::colors::kTextMuted);
    } else {
        for (std::size_t i = 0; i < form.matches.size(); ++i) {
            if (i > 0) ImGui::SameLine(0.0f, gap);
            const std::string id = "orders.member." + std::to_string(i);
            if (ui::button(id.c_str(), form.matches[i].displayName.c_str(), matchSize)) {
                form.customer = {form.matches[i].id, form.matches[i].displayName};
                form.message.clear();
                form.step = Form::Step::Supplier;
            }
        }
    }
    if (!form.message.empty()) ui::text(form.message, ui::fonts().body, ui::colors::kDanger);
    const float top = ImGui::GetCursorScreenPos().y + ui::em(0.3f);
    ImGui::SetCursorScreenPos(ImVec2(origin.x, top));
    if (ui::drawKeyboard(form.customer.name, form.keyboard, orders::OrderBook::kMaxNameLength,
                         ImVec2(area.x, origin.y + area.y - top), tr("common.next")) &&
        !form.customer.name.empty()) {
        form.message.clear();
        form.step = Form::Step::Supplier;
    }
}

void drawSupplier(app::ScreenContext& context, Form& form) {
    const float width = ImGui::GetContentRegionAvail().x;
    drawCustomerLine(form);
    ui::text(tr("orders.order.which_supplier"), ui::fonts().title);
    if (form.suppliers.empty()) ui::textWrapped(tr("orders.order.no_supplier"), width, ui::fonts().body);
    const float gap = ui::em(0.6f);
    const ImVec2 size((width - gap) * 0.5f, ui::em(2.6f));
    for (std::size_t i = 0; i < form.suppliers.size(); ++i) {
        if (i % 2 == 1) ImGui::SameLine(0.0f, gap);
        const auto& supplier = form.suppliers[i];
        const std::string id = "orders.supplier." + std::to_string(i);
        if (ui::button(id.c_str(), supplier.name.c_str(), size)) {
            const orders::Supplier chosen = supplier;
            context.later([&form, chosen](app::ScreenContext& later) { chooseSupplier(later, form, chosen); });
        }
    }
    ImGui::Dummy(ui::em(1.0f, 0.3f));
    for (const auto& supplier : form.suppliers)
        ui::textWrapped(supplier.name + " : " + orders_ui::cutoffText(supplier), width, ui::fonts().body,
                        ui::colors::kTextMuted);
}

void drawDay(Form& form) {
    const float width = ImGui::GetContentRegionAvail().x;
    drawCustomerLine(form);
    ui::text(tr("orders.order.which_day"), ui::fonts().title);
    ui::text(orders_ui::cutoffText(*form.supplier), ui::fonts().body, ui::colors::kTextMuted);
    if (!form.message.empty()) ui::textWrapped(form.message, width, ui::fonts().body, ui::colors::kDanger);
    const float gap = ui::em(0.6f);
    const ImVec2 size((width - gap) * 0.5f, ui::em(2.2f));
    for (std::size_t i = 0; i < form.days.size(); ++i) {
        if (i % 2 == 1) ImGui::SameLine(0.0f, gap);
        const std::string id = "orders.day." + std::to_string(i);
        if (ui::button(id.c_str(), orders_ui::dayLabel(form.days[i]).c_str(), size,
                       form.days[i] == form.day ? ui::ButtonKind::Primary : ui::ButtonKind::Normal)) {
            form.day = form.days[i];
            form.message.clear();
            form.step = Form::Step::Items;
        }
    }
}

void drawItems(Form& form) {
    const ImVec2 area = ImGui::GetContentRegionAvail();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    drawCustomerLine(form);
    const float left = area.x * 0.56f;
    ui::text(tr("orders.order.how_many"), ui::fonts().title);
    if (!form.message.empty()) ui::textWrapped(form.message, left, ui::fonts().body, ui::colors::kDanger);
    const float footer = ui::em(1.5f);
    const float listTop = ImGui::GetCursorScreenPos().y;
    ImGui::BeginChild("orders.items", ImVec2(left, origin.y + area.y - listTop - footer), false,
                      ImGuiWindowFlags_NoScrollWithMouse);
    const float rowWidth = ImGui::GetContentRegionAvail().x;
    for (const auto& item : form.items) {
        const auto found = form.quantities.find(item.id);
        const int quantity = found == form.quantities.end() ? 0 : digitsValue(found->second);
        const std::string label = item.name + "  " + orders::formatCents(item.priceCents) +
                                  (quantity > 0 ? "   × " + std::to_string(quantity) : std::string());
        const std::string id = "orders.item." + item.id;
        if (ui::button(id.c_str(), label.c_str(), ImVec2(rowWidth, ui::em(2.1f)),
                       item.id == form.selectedItem ? ui::ButtonKind::Primary : ui::ButtonKind::Normal))
            form.selectedItem = item.id;
    }
    ui::dragToScroll();
    ImGui::EndChild();
    ui::text(trf("orders.order.total", {{"amount", orders::formatCents(totalCents(form))}}), ui::fonts().body);

    // The keypad on the right, beside the list, types the chosen item's quantity.
    const float padHeight = origin.y + area.y - listTop;
    const float padWidth = std::min(area.x - left - ui::em(1.0f), padHeight * 1.1f);
    ImGui::SetCursorScreenPos(ImVec2(origin.x + area.x - padWidth, listTop));
    if (form.selectedItem.empty()) return;
    std::string& digits = form.quantities[form.selectedItem];
    const std::string before = digits;
    if (ui::drawNumericKeypad(digits, 3, ImVec2(padWidth, padHeight), tr("common.next"), anyQuantity(form))) {
        form.message.clear();
        form.dedupeKey.clear();
        form.step = Form::Step::Confirm;
    }
    if (digits != before) form.message.clear();
}

orders::PlaceRequest requestOf(const Form& form, bool atCounter) {
    orders::PlaceRequest request;
    request.supplierId = form.supplier->id;
    request.customer = form.customer;
    request.day = form.day;
    for (const auto& item : form.items) {
        const auto found = form.quantities.find(item.id);
        if (found != form.quantities.end() && digitsValue(found->second) > 0)
            request.items.push_back({item.id, digitsValue(found->second)});
    }
    request.source = atCounter ? orders::OrderSource::Counter : orders::OrderSource::Kiosk;
    request.dedupeKey = form.dedupeKey;
    return request;
}

void drawConfirm(app::ScreenContext& context, Form& form) {
    const float width = ImGui::GetContentRegionAvail().x;
    if (form.dedupeKey.empty()) form.dedupeKey = storage::newRecordId(context.services.clock.nowMs());
    // The step's main actions stay in view at the bottom; the words above scroll by a drag where they do not fit
    // (large text on a small screen: docs/accessibility.md).
    ui::beginAboveActions("orders.confirm_step", ui::em(ui::kActionRowEm));
    const float left = ImGui::GetCursorScreenPos().x;
    ui::text(tr("orders.order.confirm_title"), ui::fonts().title);
    ui::textWrapped(trf("orders.order.confirm_summary", {{"name", form.customer.name},
                                                         {"supplier", form.supplier->name},
                                                         {"day", orders_ui::dayLabel(form.day)}}),
                    width, ui::fonts().body);
    for (const auto& item : form.items) {
        const auto found = form.quantities.find(item.id);
        if (found == form.quantities.end() || digitsValue(found->second) == 0) continue;
        ui::text("  " + std::to_string(digitsValue(found->second)) + " × " + item.name, ui::fonts().body);
    }
    ui::text(trf("orders.order.total", {{"amount", orders::formatCents(totalCents(form))}}), ui::fonts().body);
    ui::textWrapped(tr("orders.order.pay_at_pickup"), width, ui::fonts().body, ui::colors::kTextMuted);
    if (!form.message.empty()) ui::textWrapped(form.message, width, ui::fonts().body, ui::colors::kDanger);
    ui::endAboveActions();
    bool confirmed = false;
    ui::actionRow(width, left, ui::em(ui::kActionButtonEm), {[&](ImVec2 size) {
        confirmed = ui::button("orders.confirm", tr("orders.order.confirm_button"), size, ui::ButtonKind::Primary);
    }});
    if (!confirmed) return;
    context.later([&form](app::ScreenContext& later) {
        auto& area = orders_ui::ordersOf(later.services);
        const bool atCounter = later.state.staff.has_value();
        const auto result = area.book.place(&actorOf(later), requestOf(form, atCounter));
        if (!result.ok()) {
            form.message = orders_ui::refusalText(result.error, result.nextPossibleDay);
            form.dedupeKey.clear();
            const bool aboutTheDay = !result.nextPossibleDay.empty() || result.error == orders::OrderError::DayPast ||
                                     result.error == orders::OrderError::AfterCutoff;
            if (aboutTheDay) {
                const orders::Supplier supplier = *form.supplier;
                const std::string message = form.message;
                chooseSupplier(later, form, supplier);
                form.message = message;
            } else {
                form.step = Form::Step::Items;
            }
            return;
        }
        form.result = result;
        form.message.clear();
        form.step = Form::Step::Done;
    });
}

void drawDone(app::ScreenContext& context, Form& form) {
    const float width = ImGui::GetContentRegionAvail().x;
    ui::beginAboveActions("orders.done_step", ui::em(ui::kActionRowEm));
    const float left = ImGui::GetCursorScreenPos().x;
    ui::text(tr("orders.order.done_title"), ui::fonts().title, ui::colors::kSuccess);
    ui::textWrapped(trf(form.result->alreadyPlaced ? "orders.order.done_already" : "orders.order.done",
                        {{"day", orders_ui::dayLabel(form.day)}, {"supplier", form.supplier->name}}),
                    width, ui::fonts().body);
    ui::text(orders_ui::linesText(*form.result->order) + "  ·  " + orders::formatCents(form.result->order->totalCents),
             ui::fonts().body);
    if (!form.customer.memberId.empty()) {
        const auto coming = orders_ui::ordersOf(context.services).book.ordersOfMember(form.customer.memberId);
        ui::text(trn("orders.order.coming", coming.size(), {{"count", std::to_string(coming.size())}}), ui::fonts().body,
                 ui::colors::kTextMuted);
    }
    ui::endAboveActions();
    ui::actionRow(width, left, ui::em(ui::kActionButtonEm),
                  {[&](ImVec2 size) {
                       if (ui::button("orders.another", tr("orders.order.another"), size)) {
                           context.later([&form] {
                               form.supplier.reset();
                               form.day.clear();
                               form.quantities.clear();
                               form.dedupeKey.clear();
                               form.result.reset();
                               form.step = Form::Step::Supplier;
                           });
                       }
                   },
                   [&](ImVec2 size) {
                       if (ui::button("orders.finish", tr("orders.order.finish"), size, ui::ButtonKind::Primary)) {
                           if (context.state.staff) context.open(kOrdersDayScreen);
                           else context.returnHome("orders.done");
                       }
                   }});
}

class OrdersOrderScreen final : public app::Screen {
public:
    void open(app::ScreenContext& context) override {
        form_ = Form();
        form_.suppliers = orders_ui::ordersOf(context.services).book.suppliers();
    }
    bool onRead(app::ScreenContext& context, const hardware::ReaderEvent& event) override {
        if (event.kind != hardware::ReadKind::CardUid || form_.step != Form::Step::Customer) return false;
        form_.identify.onCard(context, event.value, identified());
        return true;
    }
    void draw(app::ScreenContext& context) override;
    // The question of the step: never the customer's name, since anyone may be standing behind them.
    std::string spokenText(app::ScreenContext& context) override {
        (void)context;
        switch (form_.step) {
        case Form::Step::Customer: return services::joinSentences({tr("orders.order.title"), tr("orders.order.who")});
        case Form::Step::OneOffName: return services::joinSentences({tr("orders.order.one_off_question")});
        case Form::Step::Supplier: return services::joinSentences({tr("orders.order.which_supplier")});
        case Form::Step::Day: return services::joinSentences({tr("orders.order.which_day")});
        case Form::Step::Items: return services::joinSentences({tr("orders.order.how_many")});
        case Form::Step::Confirm:
            return services::joinSentences({tr("orders.order.confirm_title"), tr("orders.order.pay_at_pickup")});
        case Form::Step::Done: return services::joinSentences({tr("orders.order.done_title")});
        }
        return {};
    }

private:
    MemberIdentification::Found identified() {
        return [this](app::ScreenContext&, const services::timebank::TimeBankMember& member) {
            form_.customer = {member.id, member.name};
            form_.identify.reset();
            form_.step = Form::Step::Supplier;
        };
    }
    void back(app::ScreenContext& context);

    Form form_;
};

void OrdersOrderScreen::back(app::ScreenContext& context) {
    form_.message.clear();
    switch (form_.step) {
    case Form::Step::Customer:
    case Form::Step::Done:
        if (context.state.staff) context.open(kOrdersDayScreen);
        else context.returnHome("orders.back");
        break;
    case Form::Step::OneOffName:
    case Form::Step::Supplier:
        form_.customer = {};
        form_.identify.reset();
        form_.step = Form::Step::Customer;
        break;
    case Form::Step::Day: form_.step = Form::Step::Supplier; break;
    case Form::Step::Items: form_.step = Form::Step::Day; break;
    case Form::Step::Confirm:
        form_.dedupeKey.clear();
        form_.step = Form::Step::Items;
        break;
    }
}

void OrdersOrderScreen::draw(app::ScreenContext& context) {
    if (ui::headerBar(tr("orders.order.title"), true)) {
        back(context);
        return;
    }
    switch (form_.step) {
    case Form::Step::Customer: {
        const bool atCounter = context.state.staff && isCafeStaff(context.state.staff->role);
        // A resident reaches the grocery's volunteer shifts from here: the home has no room for a seventh tile in
        // large text.
        if (form_.identify.draw(context, tr("orders.order.who"), identified(),
                                atCounter ? std::pair<const char*, const char*>{"orders.one_off", tr("orders.order.one_off")}
                                          : std::pair<const char*, const char*>{"orders.shifts", tr("shifts.from_orders")})) {
            if (!atCounter) {
                context.open(kShiftsWeekScreen);
                break;
            }
            form_.customer = {};
            form_.step = Form::Step::OneOffName;
        }
        break;
    }
    case Form::Step::OneOffName: drawOneOffName(context, form_); break;
    case Form::Step::Supplier: drawSupplier(context, form_); break;
    case Form::Step::Day: drawDay(form_); break;
    case Form::Step::Items: drawItems(form_); break;
    case Form::Step::Confirm: drawConfirm(context, form_); break;
    case Form::Step::Done: drawDone(context, form_); break;
    }
}

}  // namespace

void registerOrdersOrderScreen(app::ScreenRegistry& registry) { registry.add<OrdersOrderScreen>(kOrdersOrderScreen); }

}  // namespace vk::screens
