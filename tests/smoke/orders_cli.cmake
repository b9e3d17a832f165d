# Orders at the counter on the real binary, on a fresh data folder: a member of the board, a baker and its
# baguette, an order refused for a past day (exit 1, with the next possible day), placed for that day, the
# baker's list, the pickup on the member's account, and the CSV export.
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
set(ENV{XDG_CONFIG_HOME} "${WORK}/no-config")

function(run_kiosk out_var)
  execute_process(COMMAND "${KIOSK}" ${ARGN} --data-dir "${WORK}/data"
                  RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT code EQUAL 0)
    message(FATAL_ERROR "village-kiosk ${ARGN} exited ${code}: ${out} ${err}")
  endif()
  set(${out_var} "${out}" PARENT_SCOPE)
endfunction()

run_kiosk(added members add --name "Marie Dupont" --village Saint-Aubin --json)
string(JSON member GET "${added}" id)
run_kiosk(supplier orders add-supplier --name "Boulangerie Morel" --delivers mon,tue,wed,thu,fri,sat,sun
          --cutoff 18:00 --json)
string(JSON baker GET "${supplier}" id)
run_kiosk(item orders add-item --supplier "${baker}" --name Baguette --price-cents 110 --json)
string(JSON baguette GET "${item}" id)

execute_process(COMMAND "${KIOSK}" orders place --customer "${member}" --supplier "${baker}" --item "${baguette}"
                        --quantity 2 --for 2000-01-01 --data-dir "${WORK}/data"
                RESULT_VARIABLE refused ERROR_VARIABLE why OUTPUT_QUIET)
if(NOT refused EQUAL 1 OR NOT why MATCHES "the next possible day is ([0-9-]+)")
  message(FATAL_ERROR "a past day was not refused with the next possible day (exit ${refused}): ${why}")
endif()
set(day "${CMAKE_MATCH_1}")
execute_process(COMMAND "${KIOSK}" orders place --customer "${member}" --supplier "${baker}" --item "${baguette}"
                        --quantity 0 --for "${day}" --data-dir "${WORK}/data"
                RESULT_VARIABLE zero OUTPUT_QUIET ERROR_QUIET)
if(NOT zero EQUAL 1)
  message(FATAL_ERROR "a quantity of 0 exited ${zero}, not 1")
endif()

run_kiosk(placed orders place --customer "${member}" --supplier "${baker}" --item "${baguette}" --quantity 2
          --for "${day}" --json)
string(JSON order GET "${placed}" id)
run_kiosk(list orders list --supplier "${baker}" --for "${day}" --json)
string(JSON quantity GET "${list}" items 0 quantity)
if(NOT quantity EQUAL 2)
  message(FATAL_ERROR "the baker's list does not count the two baguettes: ${list}")
endif()
run_kiosk(handed orders pickup --order "${order}" --paid account --json)
string(JSON owed GET "${handed}" account_balance_cents)
if(NOT owed EQUAL 220)
  message(FATAL_ERROR "the pickup on the account did not charge 2,20 €: ${handed}")
endif()
run_kiosk(exported orders export --csv "${WORK}/orders.csv" --json)
file(READ "${WORK}/orders.csv" csv)
if(NOT csv MATCHES "\"Marie Dupont\",${member},\"Baguette\",2,110,collected,account")
  message(FATAL_ERROR "the export lacks the order: ${csv}")
endif()
message(STATUS "orders: ${order} for ${day}, 2 baguettes on the account of ${member}")
