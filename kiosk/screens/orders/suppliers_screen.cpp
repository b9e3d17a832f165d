#include "kiosk/app/app_state.h"
#include "kiosk/app/kiosk_services.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/screens/orders/orders_screens.h"
#include "kiosk/screens/orders/orders_ui.h"
#include "kiosk/screens/staff/staff_screens.h"
#include "kiosk/services/health/local_days.h"
#include "kiosk/ui/on_screen_keyboard.h"
#include "kiosk/ui/widgets.h"

#include <algorithm>
#include <charconv>
#include <cstdio>

namespace vk::screens {

using i18n::tr;
using i18n::trf;
namespace orders = services::orders;

namespace {

constexpr const char* kWeekdays[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

std::string shiftedTime(const std::string& time, int minutes) {
    const int now = services::health::isValidTime(time) ? services::health::minutesOf(time) : 18 * 60;
    const int shifted = std::clamp(now + minutes, 0, 23 * 60 + 30);
    char text[24];
    std::snprintf(text, sizeof text, "%02d:%02d", shifted / 60, shifted % 60);
    return text;
}

// The suppliers and their catalogues, for the café manager or the grocery's coordinator: the days each delivers,
// its cut-off, whether its list names the customers, its address for the list; its items, their prices, and
// whether each is still sold.
class OrdersSuppliersScreen final : public app::Screen {
public:
    enum class Typing { None, Name, Email, ItemName, ItemPrice };

    bool allowed(const std::optional<services::StaffSession>& staff) const override {
        return staff && isCafeStaff(staff->role);
    }
    void open(app::ScreenContext& context) override {
        typing_ = Typing::None;
        message_.clear();
        suppliers_ = orders_ui::ordersOf(context.services).book.suppliers();
        if (suppliers_.empty()) startNew();
        else select(context, suppliers_.front());
    }
    void draw(app::ScreenContext& context) override;

private:
    void startNew() {
        supplierId_.clear();
        showCatalogue_ = false;
        form_ = orders::SupplierForm{};
        form_.deliveryDays = {"tue", "wed", "thu", "fri", "sat"};
        items_.clear();
    }
    void select(app::ScreenContext& context, const orders::Supplier& supplier) {
        if (supplier.id != supplierId_) showCatalogue_ = false;
        supplierId_ = supplier.id;
        form_ = orders::SupplierForm{supplier.name,       supplier.email,           supplier.deliveryDays,
                                     supplier.cutoffTime, supplier.cutoffDaysBefore, supplier.listPerCustomer};
        items_ = orders_ui::ordersOf(context.services).book.catalogue(supplier.id, false);
    }
    void say(std::string words, bool error) {
        message_ = std::move(words);
        messageIsError_ = error;
    }
    void drawSupplierColumn(app::ScreenContext& context, float width, float height);
    void drawDetails(app::ScreenContext& context, float width);
    void drawCatalogue(app::ScreenContext& context, float width);
    void drawTyping(app::ScreenContext& context);
    void save(app::ScreenContext& context);
    void addItem(app::ScreenContext& context);

    std::vector<orders::Supplier> suppliers_;
    std::string supplierId_;  // empty: a new supplier
    orders::SupplierForm form_;
    std::vector<orders::CatalogueItem> items_;
    Typing typing_ = Typing::None;
    bool showCatalogue_ = false;
    ui::KeyboardState keyboard_{ui::KeyboardPage::Letters, true};
    std::string itemName_;
    std::string itemPrice_;  // cents, as digits
    std::string message_;
    bool messageIsError_ = false;
};

void OrdersSuppliersScreen::save(app::ScreenContext& context) {
    auto& book = orders_ui::ordersOf(context.services).book;
    const auto change = supplierId_.empty() ? book.addSupplier(&*context.state.staff, form_)
                                            : book.editSupplier(&*context.state.staff, supplierId_, form_);
    if (!change.ok()) {
        say(orders_ui::refusalText(change.error), true);
        return;
    }
    suppliers_ = book.suppliers();
    select(context, *change.supplier);
    say(tr("orders.suppliers.saved"), false);
}

void OrdersSuppliersScreen::addItem(app::ScreenContext& context) {
    auto& book = orders_ui::ordersOf(context.services).book;
    std::int64_t cents = 0;
    std::from_chars(itemPrice_.data(), itemPrice_.data() + itemPrice_.size(), cents);
    const auto change = book.addItem(&*context.state.staff, supplierId_, itemName_, cents);
    if (!change.ok()) {
        say(orders_ui::refusalText(change.error), true);
        return;
    }
    itemName_.clear();
    itemPrice_.clear();
    items_ = book.catalogue(supplierId_, false);
    say(trf("orders.suppliers.item_added", {{"name", change.item->name}}), false);
}

void OrdersSuppliersScreen::drawSupplierColumn(app::ScreenContext& context, float width, float height) {
    ImGui::BeginChild("orders.suppliers.list", ImVec2(width, height), false, ImGuiWindowFlags_NoScrollWithMouse);
    const ImVec2 size(ImGui::GetContentRegionAvail().x, ui::em(2.1f));
    for (std::size_t i = 0; i < suppliers_.size(); ++i) {
        const std::string id = "orders.suppliers.pick." + std::to_string(i);
        if (ui::button(id.c_str(), suppliers_[i].name.c_str(), size,
                       suppliers_[i].id == supplierId_ ? ui::ButtonKind::Primary : ui::ButtonKind::Normal)) {
            const orders::Supplier chosen = suppliers_[i];
            context.later([this, chosen](app::ScreenContext& later) {
                message_.clear();
                select(later, chosen);
            });
        }
    }
    if (ui::button("orders.suppliers.new", tr("orders.suppliers.new"), size,
                   supplierId_.empty() ? ui::ButtonKind::Primary : ui::ButtonKind::Normal))
        context.later([this] {
            message_.clear();
            startNew();
        });
    ui::dragToScroll();
    ImGui::EndChild();
}

void OrdersSuppliersScreen::drawDetails(app::ScreenContext& context, float width) {
    const float gap = ui::em(0.4f);
    const float half = (width - gap) * 0.5f;
    // A new supplier has no catalogue yet; a known one shows its card or its catalogue, each with the whole height.
    if (!supplierId_.empty()) {
        if (ui::button("orders.suppliers.tab_card", tr("orders.suppliers.tab_card"), ImVec2(half, ui::em(1.9f)),
                       showCatalogue_ ? ui::ButtonKind::Normal : ui::ButtonKind::Primary))
            showCatalogue_ = false;
        ImGui::SameLine(0.0f, gap);
        const std::string catalogue = trf("orders.suppliers.tab_catalogue", {{"count", std::to_string(items_.size())}});
        if (ui::button("orders.suppliers.tab_catalogue", catalogue.c_str(), ImVec2(half, ui::em(1.9f)),
                       showCatalogue_ ? ui::ButtonKind::Primary : ui::ButtonKind::Normal))
            showCatalogue_ = true;
        ImGui::Dummy(ui::em(1.0f, 0.2f));
    }
    if (showCatalogue_ && !supplierId_.empty()) {
        drawCatalogue(context, width);
        return;
    }
    if (ui::textField("orders.suppliers.name", form_.name, tr("orders.suppliers.name"), false, false, half))
        typing_ = Typing::Name;
    ImGui::SameLine(0.0f, gap);
    if (ui::textField("orders.suppliers.email", form_.email, tr("orders.suppliers.email"), false, false, half))
        typing_ = Typing::Email;
    ui::text(tr("orders.suppliers.delivers"), ui::fonts().body);
    const float dayWidth = (width - gap * 6.0f) / 7.0f;
    for (int i = 0; i < 7; ++i) {
        if (i > 0) ImGui::SameLine(0.0f, gap);
        const std::string key = kWeekdays[i];
        const bool on = std::find(form_.deliveryDays.begin(), form_.deliveryDays.end(), key) != form_.deliveryDays.end();
        const std::string id = "orders.suppliers.day." + key;
        if (ui::button(id.c_str(), tr(("orders.weekday_short." + key).c_str()), ImVec2(dayWidth, ui::em(1.9f)),
                       on ? ui::ButtonKind::Primary : ui::ButtonKind::Normal)) {
            if (on) form_.deliveryDays.erase(std::find(form_.deliveryDays.begin(), form_.deliveryDays.end(), key));
            else form_.deliveryDays.push_back(key);
        }
    }
    orders::Supplier shown;
    shown.cutoffTime = form_.cutoffTime;
    shown.cutoffDaysBefore = form_.cutoffDaysBefore;
    ui::text(trf("orders.suppliers.cutoff", {{"cutoff", orders_ui::cutoffText(shown)}}), ui::fonts().body);
    const ImVec2 small((width - gap * 3.0f) / 4.0f, ui::em(1.9f));
    if (ui::button("orders.suppliers.earlier", tr("orders.suppliers.earlier"), small))
        form_.cutoffTime = shiftedTime(form_.cutoffTime, -30);
    ImGui::SameLine(0.0f, gap);
    if (ui::button("orders.suppliers.later", tr("orders.suppliers.later"), small))
        form_.cutoffTime = shiftedTime(form_.cutoffTime, 30);
    ImGui::SameLine(0.0f, gap);
    if (ui::button("orders.suppliers.fewer_days", tr("orders.suppliers.fewer_days"), small))
        form_.cutoffDaysBefore = std::max(form_.cutoffDaysBefore - 1, 0);
    ImGui::SameLine(0.0f, gap);
    if (ui::button("orders.suppliers.more_days", tr("orders.suppliers.more_days"), small))
        form_.cutoffDaysBefore = std::min(form_.cutoffDaysBefore + 1, 14);
    if (ui::button("orders.suppliers.per_customer", tr("orders.suppliers.per_customer"), ImVec2(half, ui::em(1.9f)),
                   form_.listPerCustomer ? ui::ButtonKind::Primary : ui::ButtonKind::Normal))
        form_.listPerCustomer = !form_.listPerCustomer;
    ImGui::SameLine(0.0f, gap);
    if (ui::button("orders.suppliers.save", tr("orders.suppliers.save"), ImVec2(half, ui::em(1.9f)),
                   ui::ButtonKind::Primary))
        context.later([this](app::ScreenContext& later) { save(later); });
    if (!message_.empty())
        ui::textWrapped(message_, width, ui::fonts().body, messageIsError_ ? ui::colors::kDanger : ui::colors::kSuccess);
}

void OrdersSuppliersScreen::drawCatalogue(app::ScreenContext& context, float width) {
    if (!message_.empty())
        ui::textWrapped(message_, width, ui::fonts().body, messageIsError_ ? ui::colors::kDanger : ui::colors::kSuccess);
    const float addWidth = ui::em(9.0f);
    ui::text(tr("orders.suppliers.catalogue"), ui::fonts().body);
    ImGui::SameLine(ImGui::GetCursorPosX() + width - addWidth);
    if (ui::button("orders.suppliers.add_item", tr("orders.suppliers.add_item"), ImVec2(addWidth, ui::em(1.8f)))) {
        itemName_.clear();
        itemPrice_.clear();
        typing_ = Typing::ItemName;
    }
    ImGui::BeginChild("orders.suppliers.items", ImVec2(width, ImGui::GetContentRegionAvail().y), false,
                      ImGuiWindowFlags_NoScrollWithMouse);
    const float rowWidth = ImGui::GetContentRegionAvail().x;
    const ImVec2 toggle(ui::em(7.5f), ui::em(1.8f));
    for (const auto& item : items_) {
        const float top = ImGui::GetCursorPosY();
        ui::text(item.name + "   " + orders::formatCents(item.priceCents), ui::fonts().body,
                 item.sold ? ui::colors::kText : ui::colors::kTextMuted);
        ImGui::SetCursorPos(ImVec2(ImGui::GetCursorPosX() + rowWidth - toggle.x, top));
        const std::string id = "orders.suppliers.sold." + item.id;
        if (ui::button(id.c_str(), tr(item.sold ? "orders.suppliers.sold" : "orders.suppliers.not_sold"), toggle,
                       item.sold ? ui::ButtonKind::Normal : ui::ButtonKind::Quiet)) {
            orders::CatalogueItem changed = item;
            changed.sold = !item.sold;
            context.later([this, changed](app::ScreenContext& later) {
                auto& book = orders_ui::ordersOf(later.services).book;
                const auto change = book.editItem(&*later.state.staff, changed);
                if (!change.ok()) say(orders_ui::refusalText(change.error), true);
                else if (!changed.sold && change.openOrders > 0)
                    say(i18n::trn("orders.suppliers.still_ordered", change.openOrders, {{"count", std::to_string(change.openOrders)}}), false);
                else message_.clear();
                items_ = book.catalogue(supplierId_, false);
            });
        }
        ImGui::SetCursorPosY(top + toggle.y + ui::em(0.3f));
    }
    ui::dragToScroll();
    ImGui::EndChild();
}

void OrdersSuppliersScreen::drawTyping(app::ScreenContext& context) {
    const ImVec2 area = ImGui::GetContentRegionAvail();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    if (typing_ == Typing::ItemPrice) {
        ui::text(trf("orders.suppliers.price_of", {{"name", itemName_}}), ui::fonts().title);
        std::int64_t cents = 0;
        std::from_chars(itemPrice_.data(), itemPrice_.data() + itemPrice_.size(), cents);
        ui::text(orders::formatCents(cents), ui::fonts().title);
        ui::text(tr("orders.suppliers.price_hint"), ui::fonts().body, ui::colors::kTextMuted);
        const float top = ImGui::GetCursorScreenPos().y + ui::em(0.3f);
        const float height = origin.y + area.y - top;
        const float padWidth = std::min(area.x * 0.5f, height * 1.3f);
        ImGui::SetCursorScreenPos(ImVec2(origin.x + (area.x - padWidth) * 0.5f, top));
        if (ui::drawNumericKeypad(itemPrice_, 7, ImVec2(padWidth, height), tr("common.ok"), !itemPrice_.empty())) {
            typing_ = Typing::None;
            context.later([this](app::ScreenContext& later) { addItem(later); });
        }
        return;
    }
    std::string& text = typing_ == Typing::Name ? form_.name : typing_ == Typing::Email ? form_.email : itemName_;
    const char* label = typing_ == Typing::Name    ? tr("orders.suppliers.name")
                        : typing_ == Typing::Email ? tr("orders.suppliers.email")
                                                   : tr("orders.suppliers.item_name");
    ui::textField("orders.suppliers.typing", text, label, true, false, area.x);
    const float top = ImGui::GetCursorScreenPos().y + ui::em(0.3f);
    ImGui::SetCursorScreenPos(ImVec2(origin.x, top));
    if (ui::drawKeyboard(text, keyboard_, typing_ == Typing::Email ? 120 : 80, ImVec2(area.x, origin.y + area.y - top),
                         tr("common.next")))
        typing_ = typing_ == Typing::ItemName && !itemName_.empty() ? Typing::ItemPrice : Typing::None;
}

void OrdersSuppliersScreen::draw(app::ScreenContext& context) {
    if (ui::headerBar(tr("orders.suppliers.title"), true)) {
        if (typing_ != Typing::None) typing_ = Typing::None;
        else context.open(kOrdersDayScreen);
        return;
    }
    if (typing_ != Typing::None) {
        drawTyping(context);
        return;
    }
    const ImVec2 area = ImGui::GetContentRegionAvail();
    const float gap = ui::em(0.8f);
    const float left = area.x * 0.28f;
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    drawSupplierColumn(context, left, area.y);
    ImGui::SetCursorScreenPos(ImVec2(origin.x + left + gap, origin.y));
    ImGui::BeginChild("orders.suppliers.details", ImVec2(area.x - left - gap, area.y), false,
                      ImGuiWindowFlags_NoScrollWithMouse);
    drawDetails(context, ImGui::GetContentRegionAvail().x);
    ImGui::EndChild();
}

}  // namespace

void registerOrdersSuppliersScreen(app::ScreenRegistry& registry) {
    registry.add<OrdersSuppliersScreen>(kOrdersSuppliersScreen);
}

}  // namespace vk::screens
