/** The command-line verbs of the jar: the dispatch and the interface modules implement. */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.watchfloor.cli;
