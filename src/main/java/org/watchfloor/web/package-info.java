/** What the REST APIs of all modules share: the shape of a paged listing. */
package org.watchfloor.web;
