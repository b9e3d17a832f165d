# The board's commands on the real binary, on a fresh data folder: a member, a post, its approval, a search that
# finds it, and a search with FTS5's syntax that is not an error.
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
run_kiosk(posted board post --member "${member}" --kind offer --category garden --title "Tonte de pelouse" --text "Le samedi" --json)
string(JSON post GET "${posted}" id)
run_kiosk(approved board approve "${post}")
run_kiosk(found board search pelouse --json)
string(JSON first GET "${found}" posts 0 id)
if(NOT first STREQUAL post)
  message(FATAL_ERROR "board search did not find the approved post: ${found}")
endif()
run_kiosk(syntax board search "NEAR(" --json)
string(JSON count GET "${syntax}" count)
message(STATUS "board commands: member ${member}, post ${post} found; NEAR( found ${count}")
