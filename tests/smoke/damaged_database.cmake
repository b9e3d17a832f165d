# Writes garbage where the database should be, runs the kiosk, and checks that it explains the problem
# and that the garbage is still there byte for byte (a technician may want to recover it).
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
string(REPEAT "not a database, just bytes " 300 garbage)
file(WRITE "${WORK}/village-kiosk.db" "${garbage}")
file(SHA256 "${WORK}/village-kiosk.db" before)
execute_process(
  COMMAND ${CMAKE_COMMAND} -E env SDL_VIDEODRIVER=dummy "${KIOSK}" --data-dir "${WORK}" --windowed 1024x600
          --report-first-frame --quit-after-ms 800
  RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 30)
file(SHA256 "${WORK}/village-kiosk.db" after)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "the kiosk exited with ${result}: ${err}")
endif()
if(NOT err MATCHES "damaged")
  message(FATAL_ERROR "no clear message on stderr: ${err}")
endif()
if(NOT out MATCHES "first-frame-monotonic-us")
  message(FATAL_ERROR "the out-of-order screen was not drawn: ${out}")
endif()
if(NOT before STREQUAL after)
  message(FATAL_ERROR "the damaged database was modified")
endif()
