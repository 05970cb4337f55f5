/**
 * Phlogiston: the application (Spring Boot), its settings ({@code phlogiston.*}), the secrets it reads and the
 * wording of the errors it reports. Each stage of the pipeline has a package of its own below this one.
 */
package org.wikimedia.phlogiston;
