# Runs the kiosk briefly with a configuration file written from CONFIG_TEXT and checks what it says on stderr
# (EXPECT_ERR, a regular expression) and that it still draws a screen (the home screen or the out-of-order one).
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
file(WRITE "${WORK}/kiosk.toml" "${CONFIG_TEXT}")
execute_process(
  COMMAND ${CMAKE_COMMAND} -E env SDL_VIDEODRIVER=dummy "${KIOSK}" --config "${WORK}/kiosk.toml"
          --data-dir "${WORK}/data" --windowed 1024x600 --report-first-frame --quit-after-ms 800
  RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 30)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "the kiosk exited with ${result}: ${err}")
endif()
if(NOT err MATCHES "${EXPECT_ERR}")
  message(FATAL_ERROR "stderr does not match '${EXPECT_ERR}':\n${err}")
endif()
if(NOT out MATCHES "first-frame-monotonic-us")
  message(FATAL_ERROR "no screen was drawn: ${out}")
endif()
