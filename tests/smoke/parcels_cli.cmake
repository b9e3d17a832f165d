# The real binary's parcels commands on a fresh data folder: a parcel received prints its pickup code as JSON,
# is listed on the shelf, and is handed over with that code.
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
set(ENV{XDG_CONFIG_HOME} "${WORK}/no-config")
execute_process(
  COMMAND "${KIOSK}" --data-dir "${WORK}/data" parcels receive --carrier dpd --tracking "09445440123456"
          --recipient "Jeanne Moulin" --phone "06 12 34 56 78" --json
  RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 30)
if(NOT result EQUAL 0 OR NOT out MATCHES "\"pickup_code\":\"([0-9A-Z]+)\"")
  message(FATAL_ERROR "parcels receive failed (${result}): ${out} ${err}")
endif()
set(code "${CMAKE_MATCH_1}")
if(NOT out MATCHES "\"shelf_place\":\"A1\"")
  message(FATAL_ERROR "the parcel is not at A1: ${out}")
endif()
execute_process(
  COMMAND "${KIOSK}" --data-dir "${WORK}/data" parcels list --on-shelf
  RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 30)
if(NOT result EQUAL 0 OR NOT out MATCHES "A1  09445440123456  dpd  Jeanne Moulin")
  message(FATAL_ERROR "parcels list does not show it (${result}): ${out} ${err}")
endif()
execute_process(
  COMMAND "${KIOSK}" --data-dir "${WORK}/data" parcels pickup --code "${code}"
  RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 30)
if(NOT result EQUAL 0 OR NOT out MATCHES "Handed over 09445440123456 from place A1")
  message(FATAL_ERROR "parcels pickup failed (${result}): ${out} ${err}")
endif()
